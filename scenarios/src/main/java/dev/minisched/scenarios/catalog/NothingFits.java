package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Every node is cordoned, so the pod fits nowhere: the scheduler explains why in a
 * FailedScheduling event ({@code kubectl describe pod pod1} shows it), and the pod stays pending.
 */
public final class NothingFits implements Scenario {
  @Override
  public String name() {
    return "nothing-fits";
  }

  @Override
  public String description() {
    return "3 unschedulable nodes: the pod stays pending, and the event says why (stage 2)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNodes(0, 2, i -> node("node" + i).unschedulable());
    cluster.createPod(pod("pod1"));
    cluster.mark("pod1 created");
    cluster.awaitFailedScheduling("pod1", Duration.ofSeconds(30)); // why: the scheduler's line, the report
  }
}
