package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.UserError;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ctrl-C while a control plane starts. Start-up is the slowest phase (image pull, readiness), and
 * the JVM then runs its shutdown hooks and halts while the starting thread is still at work: what
 * that thread started so far — containers, network, processes, directory — would stay, since the
 * caller has no control plane yet to close.
 *
 * <p>So a shutdown hook of our own is in place before the backend starts anything. It interrupts
 * the starting thread and holds the JVM until that thread has given up: every backend stops what
 * it started when its start fails ({@link Stopping#afterFailedStart}). A start that succeeds just
 * as the JVM shuts down closes the control plane itself, for nobody else will.
 */
final class StartGuard {
  /** Long enough for a backend to stop containers or processes; a stuck start must not hang the exit. */
  private static final Duration GRACE = Duration.ofSeconds(45);

  private StartGuard() {}

  static ControlPlane start(Supplier<ControlPlane> start) {
    Thread starter = Thread.currentThread();
    CountDownLatch givenUp = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      starter.interrupt();
      try {
        givenUp.await(GRACE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "minisched-start-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);

    ControlPlane controlPlane = null;
    try {
      controlPlane = start.get();
    } finally {
      if (controlPlane == null) { // failed, the backend having stopped what it started
        givenUp.countDown();
        removeHook(hook);
      }
    }
    if (removeHook(hook)) {
      givenUp.countDown();
      return controlPlane;
    }
    try {
      controlPlane.close();
    } finally {
      givenUp.countDown();
    }
    throw new UserError("stopped while the control plane was starting");
  }

  /** False when the JVM is shutting down already: the hook runs (or ran). */
  private static boolean removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      return true;
    } catch (IllegalStateException shuttingDown) {
      return false;
    }
  }
}
