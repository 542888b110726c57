package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.differential.Profile;
import dev.minisched.scenarios.differential.UpstreamDifferences;
import java.util.List;
import java.util.Map;

/**
 * The two profiles upstream's kube-scheduler runs in the benchmark, both under its default
 * scheduler name, with client limits raised and nodes sampled as upstream samples them
 * ({@code percentageOfNodesToScore} adaptive, {@code parallelism} 16).
 *
 * <p>Same plugins: stage 7's real plugins and weights, in v1.20's names and extension points
 * ({@link UpstreamDifferences#configurationFor}, as the differential test writes them). The toy
 * NodeNumber is off on both sides (the workload's names give it nothing to do on the stage's
 * side); PrioritySort sorts both queues; Coscheduling, which v1.20 has not in tree, does nothing
 * to pods without a pod group.
 *
 * <p>Default plugins: v1.20's whole default profile (PodTopologySpread, InterPodAffinity,
 * VolumeBinding, ImageLocality and the rest besides), for reference: what a cluster's scheduler
 * does out of the box.
 */
final class UpstreamProfiles {
  static final String SCHEDULER_NAME = "default-scheduler";

  /** Stage 7's real plugins and weights, in upstream v1.34's names. */
  static final Profile STAGE7_REAL_PLUGINS = new Profile(
      List.of("NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit"),
      Map.of())
      .score("TaintToleration", 3).score("NodeAffinity", 2).score("NodeResourcesFit", 1)
      .score("NodeResourcesBalancedAllocation", 1);

  private UpstreamProfiles() {}

  static KubeSchedulerConfiguration samePlugins() {
    return UpstreamDifferences.configurationFor(STAGE7_REAL_PLUGINS, SCHEDULER_NAME).withPercentageOfNodesToScore(0);
  }

  static KubeSchedulerConfiguration defaultPlugins() {
    return KubeSchedulerConfiguration.defaultPlugins(SCHEDULER_NAME);
  }
}
