package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Optional;

/**
 * Score plugins rank the nodes that passed the filters. Upstream: {@code ScorePlugin}.
 *
 * <p>When: in each scheduling cycle, after the filter phase, once per feasible node and plugin —
 * but not at all when only one node is feasible, since there is nothing to choose. Each plugin's
 * scores are then normalized by its {@link ScoreExtensions} (if it has them) into
 * {@link #MIN_NODE_SCORE}..{@link #MAX_NODE_SCORE}, multiplied by the plugin's weight, and summed
 * per node; the node with the highest total wins.
 *
 * <p>Results: a success status with a score, or {@link Code#ERROR}, which fails the cycle for
 * this pod. A score plugin does not reject nodes: that is what filters are for.
 */
public interface ScorePlugin extends Plugin {
  /** Upstream's MinNodeScore and MaxNodeScore: every normalized score lies between them. */
  long MIN_NODE_SCORE = 0;
  long MAX_NODE_SCORE = 100;

  ScoreResult score(CycleState state, V1Pod pod, NodeInfo nodeInfo);

  /** The plugin's normalization step, if its raw scores are not already in 0..100. */
  default Optional<ScoreExtensions> scoreExtensions() {
    return Optional.empty();
  }
}
