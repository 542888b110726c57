package dev.minisched.plugins;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.FilterPlugin;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Map;

/**
 * Keeps a pod on the nodes it asks for: every label of its {@code nodeSelector}, and at least one
 * term of its required node affinity ({@code requiredDuringSchedulingIgnoredDuringExecution}),
 * must match the node. Upstream: plugins/nodeaffinity (Filter; the preferred terms are scored in
 * stage 3).
 *
 * <p>Upstream's PreFilter also narrows the nodes to those a {@code metadata.name} field term names
 * and rejects terms that contradict each other before any node is looked at. minisched has no
 * PreFilter: the same pods are rejected here, node by node, with this plugin's one reason.
 */
public final class NodeAffinity implements FilterPlugin {
  public static final String NAME = "NodeAffinity";
  /** Upstream's ErrReasonPod. */
  public static final String REASON = "node(s) didn't match Pod's node affinity/selector";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    if (matchesRequired(pod, nodeInfo.node())) {
      return Status.SUCCESS;
    }
    // Unresolvable: the node's labels do not change by preempting pods.
    return Status.unschedulableAndUnresolvable(REASON);
  }

  /** Upstream's RequiredNodeAffinity.Match: the nodeSelector, and the required terms if there are any. */
  static boolean matchesRequired(V1Pod pod, V1Node node) {
    if (pod.getSpec() == null) {
      return true;
    }
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    if (selector != null && !selector.isEmpty()) {
      Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
      for (Map.Entry<String, String> wanted : selector.entrySet()) {
        if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
          return false;
        }
      }
    }
    V1Affinity affinity = pod.getSpec().getAffinity();
    V1NodeSelector required = affinity == null || affinity.getNodeAffinity() == null
        ? null : affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    return required == null || NodeSelectors.matchesAnyTerm(required.getNodeSelectorTerms(), node);
  }
}
