package dev.minisched;

import io.kubernetes.client.openapi.models.V1Pod;

/** Small facts about pods that several classes ask. */
final class Pods {
  private Pods() {}

  /** The key the informer cache and the queue use: namespace/name. */
  static String key(V1Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  /** A pod is assigned once {@code spec.nodeName} is set: by a binding, or by its author. */
  static boolean isAssigned(V1Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return node != null && !node.isEmpty();
  }

  /** Upstream's responsibleForPod: a scheduler takes only pods that ask for it by name. */
  static boolean asksFor(V1Pod pod, String schedulerName) {
    return pod.getSpec() != null && schedulerName.equals(pod.getSpec().getSchedulerName());
  }

  /** Finished for good (Succeeded or Failed): it no longer takes room on its node. */
  static boolean isTerminal(V1Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Being deleted: nothing to schedule any more. */
  static boolean isTerminating(V1Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }
}
