package dev.minisched.plugins;

import dev.minisched.framework.ScorePlugin;
import java.util.List;

/**
 * NodeResourcesFit's default scoring strategy: the more of a node's allocatable resources would
 * stay free with the pod on it, the higher its score, so pods spread over the nodes. Upstream:
 * {@code leastResourceScorer} in noderesources/least_allocated.go.
 *
 * <p>Per resource: {@code (allocatable - requested) * 100 / allocatable} (0 when over-requested);
 * the node's score is the weighted mean over the resources the node offers, integer division as
 * upstream.
 */
final class LeastAllocated {
  private LeastAllocated() {}

  static ResourceAllocationScorer.Formula formula(List<ResourceSpec> resources) {
    return ResourceAllocationScorer.weightedMean(resources, LeastAllocated::leastRequestedScore);
  }

  static long leastRequestedScore(long requested, long capacity) {
    if (capacity == 0 || requested > capacity) {
      return 0;
    }
    return (capacity - requested) * ScorePlugin.MAX_NODE_SCORE / capacity;
  }
}
