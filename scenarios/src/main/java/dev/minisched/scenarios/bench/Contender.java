package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.controlplane.ControlPlane;
import java.util.Optional;

/**
 * Something that takes the workload's pending pods and binds every one of them to a node: a
 * minisched stage, upstream's kube-scheduler, or a raw-binding baseline.
 */
public interface Contender {

  /** How the report names it. */
  String name();

  /** The {@code spec.schedulerName} the workload's pods ask for, so this contender takes them. */
  String schedulerName();

  /** Whether it writes a Scheduled event for every pod it binds (schedulers do; raw binding does not). */
  default boolean writesEvents() {
    return true;
  }

  /** Starts it; it then binds the pending pods on threads or processes of its own. */
  Run start(ControlPlane controlPlane) throws Exception;

  /** A started contender. Owned by the thread that started it. */
  interface Run extends AutoCloseable {

    /** Throws {@link IllegalStateException}, saying why, when the contender has died. */
    void checkAlive();

    /**
     * Its CPU time and peak memory since it started, read from /proc while it still runs; empty
     * for one that runs inside the harness's JVM, which /proc cannot tell apart.
     */
    default Optional<ProcessMeter.Usage> usage() {
      return Optional.empty();
    }

    /** Stops it and everything it started. */
    @Override
    void close();
  }
}
