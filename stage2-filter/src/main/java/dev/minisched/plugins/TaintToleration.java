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

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    var spec = nodeInfo.node().getSpec();
    List<V1Taint> taints = spec == null || spec.getTaints() == null ? List.of() : spec.getTaints();
    Optional<V1Taint> untolerated = findUntoleratedTaint(pod, taints);
    if (untolerated.isEmpty()) {
      return Status.SUCCESS;
    }
    V1Taint taint = untolerated.get();
    // Unresolvable: preempting pods does not remove a taint. The reason names the taint, so nodes
    // with different taints are counted apart in the FitError.
    return Status.unschedulableAndUnresolvable(
        "node(s) had untolerated taint {" + nullToEmpty(taint.getKey()) + ": " + nullToEmpty(taint.getValue()) + "}");
  }

  /** Upstream's FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc: the first one, in the node's order. */
  static Optional<V1Taint> findUntoleratedTaint(V1Pod pod, List<V1Taint> taints) {
    return taints.stream()
        .filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
        .filter(t -> !Tolerations.tolerates(pod, t))
        .findFirst();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
