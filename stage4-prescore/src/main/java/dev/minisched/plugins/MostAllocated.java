package dev.minisched.plugins;

import dev.minisched.framework.ScorePlugin;
import java.util.List;

/**
 * NodeResourcesFit's bin-packing scoring strategy, chosen in a profile
 * ({@code scoringStrategy: {type: MostAllocated}}): the more of a node's allocatable resources
 * would be requested with the pod on it, the higher its score, so pods fill a few nodes and leave
 * the others empty. Upstream: {@code mostResourceScorer} in noderesources/most_allocated.go.
 *
 * <p>Per resource: {@code requested * 100 / allocatable}, at most 100 (the non-zero defaults of
 * pods without requests may add up to more than a small node has); the node's score is the
 * weighted mean over the resources the node offers, integer division as upstream.
 */
final class MostAllocated {
  private MostAllocated() {}

  static ResourceAllocationScorer.Formula formula(List<ResourceSpec> resources) {
    return ResourceAllocationScorer.weightedMean(resources, MostAllocated::mostRequestedScore);
  }

  static long mostRequestedScore(long requested, long capacity) {
    if (capacity == 0) {
      return 0;
    }
    return Math.min(requested, capacity) * ScorePlugin.MAX_NODE_SCORE / capacity;
  }
}
