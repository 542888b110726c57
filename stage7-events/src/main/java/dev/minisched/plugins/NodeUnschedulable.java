package dev.minisched.plugins;

import dev.minisched.framework.ActionType;
import dev.minisched.framework.ClusterEvent;
import dev.minisched.framework.ClusterEventWithHint;
import dev.minisched.framework.QueueingHint;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.EnqueueExtensions;
import dev.minisched.framework.EventResource;
import dev.minisched.framework.FilterPlugin;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Taint;
import java.util.List;

/**
 * Keeps pods off cordoned nodes ({@code spec.unschedulable: true}, what {@code kubectl cordon}
 * sets), unless the pod tolerates the {@code node.kubernetes.io/unschedulable:NoSchedule} taint,
 * as DaemonSet pods do. Upstream: plugins/nodeunschedulable.
 */
public final class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
  public static final String NAME = "NodeUnschedulable";
  /** Upstream's ErrReasonUnschedulable, counted in FitError messages. */
  public static final String REASON = "node(s) were unschedulable";
  static final V1Taint UNSCHEDULABLE_TAINT =
      new V1Taint().key("node.kubernetes.io/unschedulable").effect("NoSchedule");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    var spec = nodeInfo.node().getSpec();
    boolean cordoned = spec != null && Boolean.TRUE.equals(spec.getUnschedulable());
    if (!cordoned || Tolerations.tolerates(pod, UNSCHEDULABLE_TAINT)) {
      return Status.SUCCESS;
    }
    // Unresolvable: evicting pods from a cordoned node would not make room on it.
    return Status.unschedulableAndUnresolvable(REASON);
  }

  /**
   * A pod rejected here may fit once a node is added, or a node is uncordoned; upstream registers
   * the same, Node Add|UpdateNodeTaint, since an uncordon counts as a taint update
   * ({@link ClusterEvent#NODE_SPEC_UNSCHEDULABLE_CHANGE}). Label changes cannot help.
   */
  @Override
  public List<ClusterEventWithHint> eventsToRegister() {
    return List.of(new ClusterEventWithHint(
        new ClusterEvent(EventResource.NODE, ActionType.ADD.or(ActionType.UPDATE_NODE_TAINT)),
        NodeUnschedulable::isSchedulableAfterNodeChange));
  }

  /**
   * QUEUE only for a node added schedulable, or a node uncordoned; a taint change on a node that
   * stays cordoned, or stays uncordoned, cannot undo this plugin's rejection. Upstream:
   * {@code isSchedulableAfterNodeChange}.
   */
  static QueueingHint isSchedulableAfterNodeChange(V1Pod pod, Object oldObj, Object newObj) {
    boolean isCordoned = cordoned((V1Node) newObj);
    boolean wasCordoned = oldObj == null || cordoned((V1Node) oldObj);
    return wasCordoned && !isCordoned ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
  }

  private static boolean cordoned(V1Node node) {
    return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
  }
}
