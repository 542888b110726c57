package dev.minisched.scenarios.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one contender did with the workload. Times are {@link System#nanoTime} readings of this
 * JVM: {@code startedAt} just before the contender was started, the pods' creation and binding
 * moments from the workload and the watch.
 *
 * @param name the contender
 * @param pods how many pods it was given
 * @param nodesCreated how long creating the nodes took
 * @param podsCreated how long creating the pods took
 * @param createdAt pod name → when its create request was sent
 * @param startedAt when the contender was started
 * @param boundAt pod name → when the watch first saw it bound
 * @param usage its CPU and memory, read once every pod was bound (or the time was up)
 */
public record ContenderResult(String name, int pods, Duration nodesCreated, Duration podsCreated,
    Map<String, Long> createdAt, long startedAt, Map<String, Long> boundAt, ResourceUse usage) {

  public int boundCount() {
    return boundAt.size();
  }

  public boolean allBound() {
    return boundAt.size() == pods;
  }

  /** Start → first pod bound: process start, informer sync and the first cycle. */
  Optional<Duration> firstBinding() {
    return boundAt.values().stream().min(Long::compare).map(t -> Duration.ofNanos(t - startedAt));
  }

  /** Start → last pod bound. */
  Optional<Duration> lastBinding() {
    return boundAt.values().stream().max(Long::compare).map(t -> Duration.ofNanos(t - startedAt));
  }

  /** Pods bound per second from the first binding to the last: what start-up costs is left out. */
  Optional<Double> steadyRate() {
    if (boundAt.size() < 2) {
      return Optional.empty();
    }
    double seconds = (lastBinding().orElseThrow().toNanos() - firstBinding().orElseThrow().toNanos()) / 1e9;
    return Optional.of((boundAt.size() - 1) / seconds);
  }

  /** Pods bound per second from the contender's start: start-up included. */
  Optional<Double> overallRate() {
    return lastBinding().map(last -> boundAt.size() / (last.toNanos() / 1e9));
  }

  /** Creation → bound of every bound pod: time queued behind the start-up included. */
  Optional<Percentiles> latency() {
    List<Duration> samples = boundAt.entrySet().stream()
        .map(bound -> Duration.ofNanos(bound.getValue() - createdAt.get(bound.getKey())))
        .toList();
    return samples.isEmpty() ? Optional.empty() : Optional.of(Percentiles.of(samples));
  }
}
