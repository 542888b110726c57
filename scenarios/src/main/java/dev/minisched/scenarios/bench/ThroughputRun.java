package dev.minisched.scenarios.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One contender's run of one workload in one round, its measured pods created before it started.
 * Times are {@link System#nanoTime} readings of the harness's JVM.
 *
 * @param contender the contender's name
 * @param round 1, 2, …
 * @param measured how many measured pods there were
 * @param bound how many of them it bound within the timeout
 * @param startedAt just before its process (or thread) was started
 * @param firstBound when the watch saw the first measured pod bound
 * @param lastBound when the watch saw the last measured pod bound
 * @param usage its CPU and peak memory from /proc, read once every pod was bound; empty in-process
 * @param scheduledEvents how many Scheduled events the API server held once every pod was bound:
 *     those a contender had not written by then were left out of its measured span
 * @param controlPlaneCpu CPU time of kube-apiserver and etcd from the contender's start until every
 *     pod was bound; empty when their processes are not this machine's children to read
 */
public record ThroughputRun(String contender, int round, int measured, int bound, long startedAt, long firstBound,
    long lastBound, Optional<ProcessMeter.Usage> usage, OptionalInt scheduledEvents,
    Optional<Duration> controlPlaneCpu) {

  public boolean allBound() {
    return bound == measured;
  }

  /** Start → first binding: process start, informer sync and the first cycle. */
  Duration startUp() {
    return Duration.ofNanos(firstBound - startedAt);
  }

  /**
   * Steady pods/s: (bound - 1) / (last binding - first binding). The n bindings span n - 1
   * intervals; start-up is left out, so this is the rate once the contender is going.
   */
  Optional<Double> steadyRate() {
    if (bound < 2 || lastBound <= firstBound) {
      return Optional.empty();
    }
    return Optional.of((bound - 1) / ((lastBound - firstBound) / 1e9));
  }
}
