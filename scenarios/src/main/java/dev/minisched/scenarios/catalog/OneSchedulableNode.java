package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 2's lesson, the Go original's scenario: nine cordoned nodes and one open one. A filter
 * plugin (NodeUnschedulable) removes the cordoned nodes, so every pod lands on node9 — except
 * one that tolerates the unschedulable taint, which may land anywhere.
 */
public final class OneSchedulableNode implements Scenario {
  public static final String TOLERANT_POD = "tolerant";

  @Override
  public String name() {
    return "one-schedulable-node";
  }

  @Override
  public String description() {
    return "node0-node8 unschedulable, node9 not: pods land on node9 (stage 2)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNodes(0, 8, i -> node("node" + i).unschedulable());
    cluster.createNode(node("node9"));
    cluster.mark("nodes created");
    cluster.createPods(1, 6, i -> pod("pod" + i));
    cluster.createPod(pod(TOLERANT_POD).tolerate("node.kubernetes.io/unschedulable", "NoSchedule"));
    cluster.mark("pods created");
    cluster.awaitAllBound(Duration.ofSeconds(30));
    cluster.mark("all pods bound");
  }
}
