package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 7, the Go original's final scenario: node0-node8 are cordoned, pod1 waits. When node10
 * appears, the node-add event reaches the queue, which moves pod1 back at once because the plugin
 * that rejected it (NodeUnschedulable) said node additions may help.
 */
public final class NodeAppears implements Scenario {
  @Override
  public String name() {
    return "node-appears";
  }

  @Override
  public String description() {
    return "node0-node8 cordoned, pod1 waits; node10 appears; pod1 bound within ~1 s (stage 7)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNodes(0, 8, i -> node("node" + i).unschedulable());
    cluster.createPod(pod("pod1"));
    cluster.mark("pod1 created");
    cluster.awaitFailedScheduling("pod1", Duration.ofSeconds(15));
    cluster.mark("pod1 found unschedulable");
    cluster.pause(Duration.ofSeconds(3));
    cluster.createNode(node("node10"));
    cluster.mark("node10 created");
    cluster.awaitBound("pod1", Duration.ofSeconds(60));
    cluster.mark("pod1 bound");
  }
}
