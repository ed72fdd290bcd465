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
