package dev.arbiter.verifier.code.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Run slots claimed host-wide with OS-level file locks ({@code fcntl} through {@link
 * FileChannel#tryLock}): slot id {@code id} (the host uid it runs as, when root) is held by whoever
 * holds {@code lockDir/slot-<id>.lock}. A second instance with the same settings finds the first
 * ids locked and takes the next free ones, so two instances never share a uid, a slot directory or
 * capture files. The kernel releases the locks when the process dies, so a crashed instance leaves
 * nothing to clean up.
 */
final class SlotClaims implements AutoCloseable {

  private final List<Integer> ids;
  private final List<FileChannel> channels;

  private SlotClaims(List<Integer> ids, List<FileChannel> channels) {
    this.ids = List.copyOf(ids);
    this.channels = channels;
  }

  /** The claimed slot ids, ascending. */
  List<Integer> ids() {
    return ids;
  }

  /** As below, with no id busy for other reasons. */
  static SlotClaims claim(Path lockDir, int base, int wanted, int range) throws IOException {
    return claim(lockDir, base, wanted, range, id -> false);
  }

  /**
   * Claims {@code wanted} ids among {@code base .. base + range - 1}, lowest free first, skipping
   * ids for which {@code busy} holds even when their lock is free (e.g. a uid that still has
   * processes: an instance that does not lock, or one that crashed mid-run). Claims fewer when not
   * enough are free (the caller decides whether that is fatal).
   */
  static SlotClaims claim(Path lockDir, int base, int wanted, int range, IntPredicate busy)
      throws IOException {
    Files.createDirectories(lockDir);
    List<Integer> ids = new ArrayList<>();
    List<FileChannel> channels = new ArrayList<>();
    for (int id = base; id < base + range && ids.size() < wanted; id++) {
      FileChannel ch =
          FileChannel.open(
              lockDir.resolve("slot-" + id + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another instance in this JVM
      }
      if (lock == null || busy.test(id)) {
        ch.close();
        continue;
      }
      ids.add(id);
      channels.add(ch);
    }
    return new SlotClaims(ids, channels);
  }

  /** Releases every claim. */
  @Override
  public void close() {
    for (FileChannel ch : channels) {
      try {
        ch.close();
      } catch (IOException e) {
        // the lock goes with the descriptor or with the process
      }
    }
  }
}
