package dev.minisched.scenarios.controlplane;

import java.util.List;

/**
 * Stops the parts of a control plane (containers, network, processes, directory) one after
 * another, each one even when an earlier one failed: a failed container stop must not leave the
 * network and the directory behind. The first failure is thrown, later ones ride along as
 * suppressed; after a failed start, the start's own error stays the one the user sees.
 */
final class Stopping {
  private Stopping() {}

  /** One part's stop. */
  interface Part {
    void stop() throws Exception;
  }

  /** Stops every part; throws the first failure with the later ones suppressed. */
  static void all(List<Part> parts) {
    RuntimeException first = null;
    for (Part part : parts) {
      try {
        part.stop();
      } catch (Exception e) {
        RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
        if (first == null) {
          first = failure;
        } else {
          first.addSuppressed(failure);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Stops every part after {@code startFailure}; their failures become suppressed exceptions of
   * it, which the caller then throws. Runs with the thread's interrupt cleared (and restored after):
   * a start interrupted by Ctrl-C must still wait for its servers to exit before removing their
   * directory.
   */
  static void afterFailedStart(RuntimeException startFailure, List<Part> parts) {
    boolean interrupted = Thread.interrupted();
    try {
      all(parts);
    } catch (RuntimeException e) {
      startFailure.addSuppressed(e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
