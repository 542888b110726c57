package dev.minisched.plugins;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.FilterPlugin;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.NodeScore;
import dev.minisched.framework.PreScorePlugin;
import dev.minisched.framework.ScoreExtensions;
import dev.minisched.framework.ScorePlugin;
import dev.minisched.framework.ScoreResult;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a pod off nodes with a taint it does not tolerate. Only the taints that bar scheduling
 * count here, NoSchedule and NoExecute; PreferNoSchedule is a wish that stage 3's scoring weighs.
 * Upstream: plugins/tainttoleration (Filter).
 *
 * <p>Score: the number of the node's PreferNoSchedule taints that the pod does not tolerate, and
 * NormalizeScore reverses those counts into 0..100, so the node with the fewest gets 100 and the
 * one with the most 0. How many tolerated taints a node has does not matter. Default weight 3,
 * the highest of the real score plugins: a taint is the cluster admin's word.
 *
 * <p>PreScore picks the pod's tolerations that matter for PreferNoSchedule once per cycle and
 * leaves them in the CycleState; Score reads them for every node and, as upstream, fails without
 * them.
 */
public final class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions {
  public static final String NAME = "TaintToleration";
  /** Filter's reason, upstream's word for word. */
  static final String REASON = "node(s) had untolerated taint(s)";
  private static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
  /** Upstream's preScoreStateKey: "PreScore" + the plugin's name. */
  static final CycleState.Key<PreScoreState> PRE_SCORE_STATE =
      new CycleState.Key<>("PreScore" + NAME, PreScoreState.class);

  /** What PreScore computes once per cycle: the pod's tolerations of PreferNoSchedule taints. */
  record PreScoreState(List<V1Toleration> tolerationsPreferNoSchedule) {}

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
    for (V1Taint taint : taints) {
      boolean barsScheduling = "NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect());
      if (barsScheduling && !Tolerations.tolerates(pod, taint)) {
        return Optional.of(taint);
      }
    }
    return Optional.empty();
  }

  @Override
  public Status preScore(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
    state.write(PRE_SCORE_STATE, new PreScoreState(preferNoScheduleTolerations(pod)));
    return Status.SUCCESS;
  }

  @Override
  public ScoreResult score(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    Optional<PreScoreState> preScored = state.read(PRE_SCORE_STATE);
    if (preScored.isEmpty()) {
      return ScoreResult.error("reading \"" + PRE_SCORE_STATE.name() + "\" from cycleState: not found");
    }
    var spec = nodeInfo.node().getSpec();
    List<V1Taint> taints = spec == null || spec.getTaints() == null ? List.of() : spec.getTaints();
    List<V1Toleration> tolerations = preScored.get().tolerationsPreferNoSchedule();
    return ScoreResult.of(countIntolerableTaintsPreferNoSchedule(taints, tolerations));
  }

  @Override
  public Optional<ScoreExtensions> scoreExtensions() {
    return Optional.of(this);
  }

  /** Reversed: the fewer intolerable taints, the higher the score. */
  @Override
  public Status normalizeScore(CycleState state, V1Pod pod, List<NodeScore> scores) {
    ScoreExtensions.defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    return Status.SUCCESS;
  }

  /**
   * The pod's tolerations that can tolerate a PreferNoSchedule taint: those with that effect, and
   * those with no effect, which tolerate every effect. Upstream's getAllTolerationPreferNoSchedule.
   */
  static List<V1Toleration> preferNoScheduleTolerations(V1Pod pod) {
    List<V1Toleration> tolerations = pod.getSpec() == null ? null : pod.getSpec().getTolerations();
    if (tolerations == null) {
      return List.of();
    }
    return tolerations.stream()
        .filter(t -> t.getEffect() == null || t.getEffect().isEmpty() || PREFER_NO_SCHEDULE.equals(t.getEffect()))
        .toList();
  }

  /** Upstream's countIntolerableTaintsPreferNoSchedule. */
  static long countIntolerableTaintsPreferNoSchedule(List<V1Taint> taints, List<V1Toleration> tolerations) {
    long count = 0;
    for (V1Taint taint : taints) {
      if (PREFER_NO_SCHEDULE.equals(taint.getEffect()) && !toleratedByAny(tolerations, taint)) {
        count++;
      }
    }
    return count;
  }

  private static boolean toleratedByAny(List<V1Toleration> tolerations, V1Taint taint) {
    for (V1Toleration toleration : tolerations) {
      if (Tolerations.tolerates(toleration, taint)) {
        return true;
      }
    }
    return false;
  }
}
