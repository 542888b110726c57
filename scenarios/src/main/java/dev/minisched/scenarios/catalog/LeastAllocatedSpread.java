package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 3, NodeResourcesFit's LeastAllocated score: every node fits, and the one with the most
 * room left scores highest, so pods spread evenly. Nine pods, created one after another (each
 * bound before the next is created), end up three per node: "pods per node" in the report. A
 * random pick (stages 1 and 2) spreads that evenly less than one run in ten.
 *
 * <p>Each pod asks for a quarter of a node's CPU and a quarter of its memory, so every node stays
 * as balanced as the next (BalancedAllocation cannot prefer one) and the node names end in no
 * digit (the toy NodeNumber plugin scores them all 0): LeastAllocated alone decides.
 */
public final class LeastAllocatedSpread implements Scenario {
  @Override
  public String name() {
    return "least-allocated";
  }

  @Override
  public String description() {
    return "3 equal nodes, 9 pods one by one: the emptiest node wins, 3 pods per node (stage 3)";
  }

  @Override
  public void run(Cluster cluster) {
    for (String n : new String[] {"node-a", "node-b", "node-c"}) {
      cluster.createNode(node(n).capacity("cpu", "4").capacity("memory", "16Gi"));
    }
    cluster.mark("nodes created");
    for (int i = 1; i <= 9; i++) {
      String name = "pod" + i;
      cluster.createPod(pod(name).requests("cpu", "1").requests("memory", "4Gi"));
      cluster.log(name + " bound to " + cluster.awaitBound(name, Duration.ofSeconds(30)));
    }
    cluster.mark("all pods bound");
  }
}
