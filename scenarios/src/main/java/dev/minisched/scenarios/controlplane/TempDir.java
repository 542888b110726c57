package dev.minisched.scenarios.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory of our own under java.io.tmpdir, removed with everything in it on {@link #delete()}.
 *
 * <p>A JVM killed with SIGKILL deletes nothing, and etcd's data alone is some 60 MB. So each
 * directory names its {@link Owner}, and {@link #create} first removes directories of the same
 * kind whose owner is gone.
 */
record TempDir(Path path) {
  private static final String OWNER_FILE = "owner";

  static TempDir create(String prefix) {
    removeAbandoned(prefix);
    try {
      // Owner-only permissions (rwx------), as the JDK creates temporary directories.
      Path dir = Files.createTempDirectory(prefix);
      Files.writeString(dir.resolve(OWNER_FILE), Owner.current().toString());
      return new TempDir(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  Path resolve(String name) {
    return path.resolve(name);
  }

  void delete() {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      // Deepest first, so every directory is empty when its turn comes.
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  private static void removeAbandoned(String prefix) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), prefix + "*")) {
      for (Path dir : dirs) {
        if (isAbandoned(dir)) {
          new TempDir(dir).delete();
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a leftover directory costs disk space, not correctness.
    }
  }

  private static boolean isAbandoned(Path dir) {
    try {
      return Owner.parse(Files.readString(dir.resolve(OWNER_FILE))).map(Owner::isGone).orElse(false);
    } catch (IOException e) {
      return false; // no owner file we can read: not ours to judge
    }
  }
}
