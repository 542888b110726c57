package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 7, a pod-delete event: node1 has 2 CPUs, pod1 and pod2 take one each, and pod3 waits with
 * "Insufficient cpu". When pod1 is deleted, NodeResourcesFit's queueing hint says the deletion may
 * help pod3 (it freed CPU on a node), so pod3 goes back to the queue at once and is bound within
 * about a second. Stage 6 has no events: pod3 waits for the next flush of unschedulable pods.
 */
public final class PodDeletedFreesRoom implements Scenario {
  @Override
  public String name() {
    return "pod-deleted-frees-room";
  }

  @Override
  public String description() {
    return "node1 full, pod3 waits; pod1 deleted; pod3 bound within ~1 s (stage 7)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNode(node("node1").capacity("cpu", "2"));
    cluster.createPods(1, 2, i -> pod("pod" + i).requests("cpu", "1"));
    cluster.awaitAllBound(Duration.ofSeconds(30));
    cluster.mark("pod1 and pod2 bound: node1 full");
    cluster.createPod(pod("pod3").requests("cpu", "1"));
    cluster.mark("pod3 created");
    cluster.awaitFailedScheduling("pod3", Duration.ofSeconds(15));
    cluster.mark("pod3 found unschedulable");
    cluster.pause(Duration.ofSeconds(3)); // past pod3's backoff, so only the event can wake it
    // Marked as the request goes out: the scheduler may bind pod3 before the call returns.
    cluster.mark("pod1 deleted");
    cluster.deletePod("pod1");
    cluster.awaitBound("pod3", Duration.ofSeconds(90));
    cluster.mark("pod3 bound");
  }
}
