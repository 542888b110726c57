package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;

/**
 * A score plugin's second step. Upstream: {@code ScoreExtensions}.
 *
 * <p>When: right after the plugin has scored every feasible node, once per cycle, with all of
 * its scores at hand — so it can scale them relative to each other (the best node gets
 * {@link ScorePlugin#MAX_NODE_SCORE}) or reverse them (fewest is best).
 *
 * <p>Results: the plugin replaces entries of {@code scores} in place and returns success, or
 * returns {@link Code#ERROR}, which fails the cycle for this pod.
 */
public interface ScoreExtensions {
  Status normalizeScore(CycleState state, V1Pod pod, List<NodeScore> scores);

  /**
   * Upstream's DefaultNormalizeScore: scales scores so the highest becomes
   * {@link ScorePlugin#MAX_NODE_SCORE}; with {@code reverse}, the lowest does. All zeros stay
   * zeros (or all become the maximum when reversed).
   */
  static void defaultNormalizeScore(long maxPriority, boolean reverse, List<NodeScore> scores) {
    long max = scores.stream().mapToLong(NodeScore::score).max().orElse(0);
    if (max == 0) {
      if (reverse) {
        scores.replaceAll(s -> s.withScore(maxPriority));
      }
      return;
    }
    scores.replaceAll(s -> {
      long scaled = maxPriority * s.score() / max;
      return s.withScore(reverse ? maxPriority - scaled : scaled);
    });
  }
}
