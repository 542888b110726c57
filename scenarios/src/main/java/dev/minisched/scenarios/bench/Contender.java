package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.controlplane.ControlPlane;

/**
 * Something that takes the workload's pending pods and binds every one of them to a node: a
 * minisched stage, upstream's kube-scheduler, or the raw-binding baseline. Each gets the same
 * workload on a fresh cluster state, one after the other.
 */
public interface Contender {

  /** How the report names it. */
  String name();

  /** The {@code spec.schedulerName} the workload's pods ask for, so this contender takes them. */
  String schedulerName();

  /** Starts it; it then binds the pending pods on threads or processes of its own. */
  Run start(ControlPlane controlPlane) throws Exception;

  /** A started contender. Owned by the benchmark's thread. */
  interface Run extends AutoCloseable {

    /** Throws {@link IllegalStateException}, saying why, when the contender has died. */
    void checkAlive();

    /** What it has cost since it started; read while it still runs. */
    ResourceUse usage();

    /** Stops it and everything it started. */
    @Override
    void close();
  }
}
