package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 2, NodeResourcesFit: two nodes with 2 CPUs each hold four pods that ask for 1 CPU each.
 * A fifth finds no room: the scheduler sums what the pods on each node request (NodeInfo), and
 * the pod stays pending with upstream's "0/2 nodes are available: 2 Insufficient cpu."
 */
public final class InsufficientCpu implements Scenario {
  @Override
  public String name() {
    return "insufficient-cpu";
  }

  @Override
  public String description() {
    return "2 nodes of 2 CPUs, pods of 1 CPU: pod5 stays pending with Insufficient cpu (stage 2)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNodes(1, 2, i -> node("node" + i).capacity("cpu", "2"));
    cluster.mark("nodes created");
    cluster.createPods(1, 4, i -> pod("pod" + i).requests("cpu", "1"));
    cluster.awaitAllBound(Duration.ofSeconds(30));
    cluster.mark("pod1-pod4 bound: both nodes full");
    cluster.createPod(pod("pod5").requests("cpu", "1"));
    cluster.mark("pod5 created");
    cluster.awaitFailedScheduling("pod5", Duration.ofSeconds(30)); // why: the scheduler's line, the report
  }
}
