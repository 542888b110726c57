package dev.minisched.scenarios.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The files a contender's run leaves behind (its log, its config), removed when the run ends. */
final class RunFiles {
  private RunFiles() {}

  /** Deletes each file; one that cannot be deleted is named on stderr and the others still go. */
  static void delete(List<Path> files) {
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        System.err.println("[minisched] could not delete " + file + ": " + e.getMessage());
      }
    }
  }
}
