package dev.minisched.plugins;

import dev.minisched.framework.QueueSortPlugin;
import dev.minisched.framework.QueuedPodInfo;
import io.kubernetes.client.openapi.models.V1Pod;

/**
 * Higher priority first; among equal priorities, the pod that entered the queue first. Upstream:
 * the default QueueSort plugin, {@code PrioritySort} in pkg/scheduler/framework/plugins/queuesort.
 *
 * <p>The priority is {@code spec.priority}, which the API server's Priority admission plugin
 * fills in from the pod's {@code priorityClassName} when the pod is created (or from the global
 * default PriorityClass); a pod without one has priority 0, as upstream's
 * {@code corev1helpers.PodPriority}.
 */
public final class PrioritySort implements QueueSortPlugin {
  public static final String NAME = "PrioritySort";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean less(QueuedPodInfo a, QueuedPodInfo b) {
    int pa = priority(a.pod());
    int pb = priority(b.pod());
    return pa > pb || (pa == pb && a.timestamp().isBefore(b.timestamp()));
  }

  /** The pod's priority: {@code spec.priority}, 0 if the API server set none. */
  public static int priority(V1Pod pod) {
    Integer priority = pod.getSpec() == null ? null : pod.getSpec().getPriority();
    return priority == null ? 0 : priority;
  }
}
