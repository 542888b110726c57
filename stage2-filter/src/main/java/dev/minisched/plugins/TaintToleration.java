package dev.minisched.plugins;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.FilterPlugin;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Taint;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a pod off nodes with a taint it does not tolerate. Only the taints that bar scheduling
 * count here, NoSchedule and NoExecute; PreferNoSchedule is a wish that stage 3's scoring weighs.
 * Upstream: plugins/tainttoleration (Filter).
 */
public final class TaintToleration implements FilterPlugin {
  public static final String NAME = "TaintToleration";
  /** Filter's reason, upstream's word for word. */
  static final String REASON = "node(s) had untolerated taint(s)";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    var spec = nodeInfo.node().getSpec();
    List<V1Taint> taints = spec == null || spec.getTaints() == null ? List.of() : spec.getTaints();
    if (findUntoleratedTaint(pod, taints).isEmpty()) {
      return Status.SUCCESS;
    }
    // Unresolvable: preempting pods does not remove a taint. The reason names no taint: the pod's
    // status, which anyone who may read the pod sees, no longer shows a node's taint keys and
    // values (upstream v1.34.2, kubernetes/kubernetes#135023; upstream logs the taint at V(4)
    // instead). So every node whose taint the pod does not tolerate counts as one reason.
    return Status.unschedulableAndUnresolvable(REASON);
  }

  /** Upstream's FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc: the first one, in the node's order. */
  static Optional<V1Taint> findUntoleratedTaint(V1Pod pod, List<V1Taint> taints) {
    return taints.stream()
        .filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
        .filter(t -> !Tolerations.tolerates(pod, t))
        .findFirst();
  }
}
