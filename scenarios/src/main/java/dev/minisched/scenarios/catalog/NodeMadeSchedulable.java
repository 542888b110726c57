package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 6: the pod fits nowhere and is parked among the unschedulable pods. Then node1 is
 * uncordoned — but the stage 6 queue does not listen to node changes, so the pod waits until the
 * periodic flush of pods unschedulable for too long retries it. Stage 7 fixes exactly this.
 */
public final class NodeMadeSchedulable implements Scenario {
  @Override
  public String name() {
    return "node-made-schedulable";
  }

  @Override
  public String description() {
    return "all nodes cordoned, pod1 waits; node1 uncordoned; bound only at the next flush (stage 6)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNodes(0, 2, i -> node("node" + i).unschedulable());
    cluster.createPod(pod("pod1"));
    cluster.mark("pod1 created");
    cluster.awaitFailedScheduling("pod1", Duration.ofSeconds(15));
    cluster.mark("pod1 found unschedulable");
    cluster.pause(Duration.ofSeconds(2));
    // Marked as the request goes out: the scheduler may bind the pod before the call returns.
    cluster.mark("node made schedulable");
    cluster.setUnschedulable("node1", false);
    cluster.awaitBound("pod1", Duration.ofSeconds(90));
    cluster.mark("pod1 bound");
  }
}
