package dev.arbiter.verifier.code.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/** Per-item host directories. Deletion never follows links a sandboxed program may have left. */
public final class Boxes {

  private Boxes() {}

  /**
   * Creates {@code scratch/boxes} and {@code scratch/slot-0..n-1}: others may traverse scratch and
   * boxes (a sandbox binds its box by path) but not list them; slot directories get {@code
   * slotMode}. Returns the slot directories.
   */
  static java.util.List<Path> prepareScratch(Path scratch, int slots, String slotMode)
      throws IOException {
    return prepareScratch(
        scratch, java.util.stream.IntStream.range(0, slots).boxed().toList(), slotMode);
  }

  /** As above, with slot directories {@code scratch/slot-<id>} for the given slot ids. */
  static java.util.List<Path> prepareScratch(
      Path scratch, java.util.List<Integer> ids, String slotMode) throws IOException {
    Path boxes = Files.createDirectories(scratch.resolve("boxes"));
    Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(boxes, PosixFilePermissions.fromString("rwx--x--x"));
    java.util.List<Path> dirs = new java.util.ArrayList<>();
    for (int id : ids) {
      Path dir = Files.createDirectories(scratch.resolve("slot-" + id));
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(slotMode));
      dirs.add(dir);
    }
    return dirs;
  }

  static Path create(Path parent) throws IOException {
    Path box = Files.createDirectory(parent.resolve(UUID.randomUUID().toString()));
    Files.setPosixFilePermissions(box, PosixFilePermissions.fromString("rwxr-xr-x"));
    return box;
  }

  /** Deletes {@code box} and everything in it; symbolic links are removed, not followed. */
  public static void delete(Path box) {
    if (box == null || !Files.exists(box, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          box,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(Boxes.class).warn("could not delete box {}: {}", box, e);
    }
  }
}
