package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/** Stage 1's lesson: with no rules at all, pods spread over the nodes at random. */
public final class RandomSpread implements Scenario {
  @Override
  public String name() {
    return "random-spread";
  }

  @Override
  public String description() {
    return "3 nodes, 9 pods: where does each pod land? (stage 1)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNodes(0, 2, i -> node("node" + i));
    cluster.mark("nodes created");
    cluster.createPods(1, 9, i -> pod("pod" + i));
    cluster.mark("pods created");
    cluster.awaitAllBound(Duration.ofSeconds(30));
    cluster.mark("all pods bound");
  }
}
