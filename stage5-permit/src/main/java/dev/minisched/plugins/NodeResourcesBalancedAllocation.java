package dev.minisched.plugins;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.PreScorePlugin;
import dev.minisched.framework.ScorePlugin;
import dev.minisched.framework.ScoreResult;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;

/**
 * Favors nodes whose resources would be used evenly with the pod on them: a node with 60 % of its
 * cpu and 60 % of its memory requested beats one with 90 % cpu and 10 % memory, whose spare memory
 * no cpu-hungry pod can use. Upstream: NodeResourcesBalancedAllocation
 * (noderesources/balanced_allocation.go), default weight 1.
 *
 * <p>Score: {@code (1 - std) * 100}, where std is the standard deviation of the requested fractions
 * (requested / allocatable, at most 1) of the resources the node offers; with two resources that is
 * half their difference. Its scores are already in 0..100: no normalization.
 *
 * <p>It counts requests as written ({@code PodRequests.of}), not the 100m/200Mi defaults that
 * NodeResourcesFit adds. A pod that requests none of the resources (best effort) is not scored at
 * all: PreScore returns Skip. It would otherwise be drawn to whichever node is balanced already,
 * and many such pods would pile onto one node (upstream issue 129138).
 *
 * <p>PreScore works out the pod's requests once per cycle and leaves them in the CycleState for
 * Score. Like upstream, Score computes them itself when they are missing (and then gives a
 * best-effort pod 0), so the result never depends on whether PreScore ran.
 */
public final class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  public static final String NAME = "NodeResourcesBalancedAllocation";

  /** Upstream's balancedAllocationPreScoreStateKey. */
  static final CycleState.Key<PreScoreState> PRE_SCORE_STATE =
      new CycleState.Key<>("PreScore" + NAME, PreScoreState.class);

  /** What PreScore computes once per cycle: the pod's request of each resource. */
  record PreScoreState(long[] podRequests) {}

  private final ResourceAllocationScorer scorer;

  public NodeResourcesBalancedAllocation() {
    this(ResourceSpec.CPU_AND_MEMORY);
  }

  public NodeResourcesBalancedAllocation(List<ResourceSpec> resources) {
    this.scorer = new ResourceAllocationScorer(resources, true, NodeResourcesBalancedAllocation::balancedScore);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preScore(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
    long[] podRequests = scorer.podRequests(pod);
    if (ResourceAllocationScorer.isBestEffort(podRequests)) {
      return Status.skip();
    }
    state.write(PRE_SCORE_STATE, new PreScoreState(podRequests));
    return Status.SUCCESS;
  }

  @Override
  public ScoreResult score(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    long[] podRequests = state.read(PRE_SCORE_STATE).map(PreScoreState::podRequests).orElse(null);
    if (podRequests == null) { // PreScore did not run: upstream works them out here
      podRequests = scorer.podRequests(pod);
    }
    if (ResourceAllocationScorer.isBestEffort(podRequests)) {
      return ScoreResult.of(0);
    }
    return ScoreResult.of(scorer.score(nodeInfo, podRequests));
  }

  /** Upstream's balancedResourceScorer: 100 when all fractions are equal, less the further apart. */
  static long balancedScore(long[] requested, long[] allocatable) {
    double[] fractions = new double[requested.length];
    int count = 0;
    double total = 0;
    for (int i = 0; i < requested.length; i++) {
      if (allocatable[i] == 0) {
        continue;
      }
      double fraction = Math.min(1, (double) requested[i] / (double) allocatable[i]);
      total += fraction;
      fractions[count++] = fraction;
    }
    double std = 0;
    if (count == 2) {
      std = Math.abs((fractions[0] - fractions[1]) / 2);
    } else if (count > 2) {
      double mean = total / count;
      double sum = 0;
      for (int i = 0; i < count; i++) {
        sum += (fractions[i] - mean) * (fractions[i] - mean);
      }
      std = Math.sqrt(sum / count);
    }
    return (long) ((1 - std) * MAX_NODE_SCORE);
  }
}
