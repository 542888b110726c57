package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.differential.Profile;
import java.util.List;
import java.util.Map;

/**
 * The two profiles upstream's kube-scheduler runs in the benchmark, both under its default
 * scheduler name, with client limits raised and nodes sampled as upstream samples them
 * ({@code percentageOfNodesToScore} adaptive, {@code parallelism} 16).
 *
 * <p>Same plugins: stage 7's real plugins and weights in a v1 file that runs them and nothing
 * else ({@link KubeSchedulerConfiguration#exactly}, the file the differential test writes). The
 * stage reads this very file ({@link Benchmark#samePluginsFileFor}), so the toy NodeNumber and
 * Coscheduling are off on its side too, and PrioritySort sorts both queues.
 *
 * <p>Default plugins: v1.34's whole default profile (PodTopologySpread, InterPodAffinity,
 * VolumeBinding, ImageLocality, DefaultPreemption and the rest besides,
 * pkg/scheduler/apis/config/v1/default_plugins.go), for reference: what a cluster's scheduler
 * does out of the box.
 */
final class UpstreamProfiles {
  static final String SCHEDULER_NAME = "default-scheduler";

  /** Stage 7's real plugins and weights, in v1.34's names: v1.34's defaults for the plugins it ports. */
  static final Profile STAGE7_REAL_PLUGINS = new Profile(
      List.of("NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit"),
      Map.of())
      .score("TaintToleration", 3).score("NodeAffinity", 2).score("NodeResourcesFit", 1)
      .score("NodeResourcesBalancedAllocation", 1);

  private UpstreamProfiles() {}

  static KubeSchedulerConfiguration samePlugins() {
    return KubeSchedulerConfiguration.exactly(STAGE7_REAL_PLUGINS, SCHEDULER_NAME).withPercentageOfNodesToScore(0);
  }

  static KubeSchedulerConfiguration defaultPlugins() {
    return KubeSchedulerConfiguration.defaultPlugins(SCHEDULER_NAME);
  }
}
