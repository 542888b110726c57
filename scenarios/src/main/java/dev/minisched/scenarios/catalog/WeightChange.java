package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.NodeTemplate;
import dev.minisched.scenarios.PodTemplate;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;
import java.util.List;

/**
 * Stage 3 on, score weights: two plugins pull the pod different ways, and their weights decide.
 * The pod prefers {@code disk=ssd} (preferred node affinity); node-a has the SSD, but also a
 * PreferNoSchedule taint the pod does not tolerate; node-b has neither. TaintToleration scores
 * node-b 100 and node-a 0, NodeAffinity node-a 100 and node-b 0; everything else scores them
 * alike (equal, empty nodes; no digits for NodeNumber). With upstream's default weights,
 * TaintToleration ×3 outweighs NodeAffinity ×2: node-b, 300 to 200. With {@link #PROFILE}
 * (NodeAffinity ×5): node-a, 500 to 300. No tie anywhere, so the same profile always gives the
 * same node: the README's "change the profile" runs it both ways.
 */
public final class WeightChange implements Scenario {
  /** The README's file: NodeAffinity's weight from 2 to 5. */
  public static final String PROFILE = """
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
      - plugins:
          score:
            enabled:
            - name: NodeAffinity
              weight: 5
      """;

  @Override
  public String name() {
    return "weight-change";
  }

  @Override
  public String description() {
    return "node-a: preferred (affinity ×2) but tainted PreferNoSchedule (×3); node-b wins until NodeAffinity "
        + "weighs 5 (stage 3 on)";
  }

  /** node-a, the preferred but tainted one, and node-b, the plain one. */
  public static List<NodeTemplate> nodes() {
    return List.of(
        node("node-a").label("disk", "ssd").taint("maintenance", "soon", "PreferNoSchedule"),
        node("node-b"));
  }

  public static PodTemplate pod() {
    return PodTemplate.pod("web").preferredNodeAffinity(100, "disk", "In", "ssd");
  }

  @Override
  public void run(Cluster cluster) {
    nodes().forEach(cluster::createNode);
    cluster.createPod(pod());
    cluster.awaitBound("web", Duration.ofSeconds(30));
    cluster.mark("web bound");
  }
}
