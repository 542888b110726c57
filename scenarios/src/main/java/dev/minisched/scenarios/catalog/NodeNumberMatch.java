package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stages 3 and 4: every node fits, so scoring decides. The NodeNumber plugin gives 10 points to
 * the node whose name ends in the pod's last digit, so podN lands on nodeN.
 */
public final class NodeNumberMatch implements Scenario {
  @Override
  public String name() {
    return "node-number";
  }

  @Override
  public String description() {
    return "node0-node9, pod1-pod9: scoring sends podN to nodeN (stages 3, 4)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNodes(0, 9, i -> node("node" + i));
    cluster.mark("nodes created");
    cluster.createPods(1, 9, i -> pod("pod" + i));
    cluster.mark("pods created");
    cluster.awaitAllBound(Duration.ofSeconds(30));
    cluster.mark("all pods bound");
  }
}
