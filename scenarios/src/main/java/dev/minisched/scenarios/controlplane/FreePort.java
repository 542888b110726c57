package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.function.Supplier;

/**
 * A TCP port on 127.0.0.1 that was free a moment ago. Another process can take it before our
 * server binds it (on a busy machine, another control plane picking its own ports does); the
 * server then fails with "address already in use", and the start is tried again with new ports.
 */
final class FreePort {
  /** What servers and container engines say when the port is taken. */
  static final String IN_USE = "address already in use";
  private static final int ATTEMPTS = 3;

  private FreePort() {}

  static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** A server could not bind its port: someone took it between {@link #pick()} and the bind. */
  static final class Taken extends UserError {
    Taken(String message) {
      super(message);
    }
  }

  /**
   * Runs {@code start} again, up to {@value #ATTEMPTS} times in all, while it fails with
   * {@link Taken}; each attempt picks its ports afresh and has stopped what it started.
   */
  static <T> T retryWhileTaken(Supplier<T> start) {
    for (int attempt = 1; ; attempt++) {
      try {
        return start.get();
      } catch (Taken e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        System.out.printf("[minisched] a port was taken before our server bound it; trying again with new ports%n");
      }
    }
  }
}
