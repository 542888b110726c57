package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Instant;
import java.util.Set;

/**
 * A pod as the scheduling queue holds it: the pod and what the queue remembers about its
 * attempts. Upstream: {@code framework.QueuedPodInfo} in pkg/scheduler/framework/types.go. It
 * lives in the framework, not beside the queue, because {@link QueueSortPlugin}s compare them.
 *
 * <p>Immutable: the queue makes a new one at each step, so the scheduling thread can hold the one
 * it popped while informer threads and the flush thread change the queue.
 *
 * @param key the pod's namespace/name, worked out once: the queue looks pods up by it all the time
 * @param pod the latest version of the pod the queue has seen
 * @param timestamp when the pod last entered the queue: when it was added, or when its last
 *     attempt failed. Among pods of equal priority, activeQ is ordered by it (see
 *     {@link QueueSortPlugin}), and backoff and the unschedulable timeout count
 *     from it.
 * @param initialAttemptTimestamp when the pod first entered the queue; never changes
 * @param attempts how many times the pod was popped for a scheduling cycle
 * @param unschedulablePlugins the plugins that rejected the pod in its last attempt; empty before
 *     the first failure and after an error (no plugin said "unschedulable")
 */
public record QueuedPodInfo(
    String key, V1Pod pod, Instant timestamp, Instant initialAttemptTimestamp, int attempts,
    Set<String> unschedulablePlugins) {

  public QueuedPodInfo {
    unschedulablePlugins = Set.copyOf(unschedulablePlugins);
  }

  /** A pod entering the queue for the first time. */
  public static QueuedPodInfo of(String key, V1Pod pod, Instant now) {
    return new QueuedPodInfo(key, pod, now, now, 0, Set.of());
  }

  /** The same entry holding a newer version of the pod; times and attempts stay. */
  public QueuedPodInfo withPod(V1Pod newer) {
    return new QueuedPodInfo(key, newer, timestamp, initialAttemptTimestamp, attempts, unschedulablePlugins);
  }

  /** Popped for one more scheduling cycle. */
  public QueuedPodInfo popped() {
    return new QueuedPodInfo(key, pod, timestamp, initialAttemptTimestamp, attempts + 1, unschedulablePlugins);
  }

  /** Back after a failed attempt at {@code now}, rejected by {@code plugins}. */
  public QueuedPodInfo failed(Instant now, Set<String> plugins) {
    return new QueuedPodInfo(key, pod, now, initialAttemptTimestamp, attempts, plugins);
  }
}
