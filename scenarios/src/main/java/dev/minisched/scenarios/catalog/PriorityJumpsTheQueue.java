package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 6: ten low-priority pods wait, then an urgent one arrives; the queue's QueueSort plugin
 * (PrioritySort) tries the urgent pod first, then the others in the order they entered the queue
 * (the order of the scheduler's initial list of pods, which need not be that of their creation).
 *
 * <p>All eleven are created before the scheduler starts, so the queue holds them all when its
 * first cycle pops one. (With the scheduler running, each pod would be scheduled as soon as it
 * came, and there would be no order to see.) The only node is cordoned, so each first attempt
 * fails, and the FailedScheduling Events record the order in which the scheduler tried the pods:
 * {@code kubectl get events --sort-by=.metadata.resourceVersion}. Bindings would not show it:
 * they run on several threads at once and reach the API server in any order. Then node0 is
 * uncordoned and every pod is bound (in stage 6 only at the next leftover flush, some 30 s later).
 */
public final class PriorityJumpsTheQueue implements Scenario {
  public static final int LOW_PODS = 10;

  @Override
  public String name() {
    return "priority-jumps-the-queue";
  }

  @Override
  public String description() {
    return "10 low-priority pods, then an urgent one, all waiting; the urgent one is tried first (stage 6)";
  }

  /** The low-priority pods, in the order they are created. */
  public static String lowPod(int i) {
    return String.format("low-%02d", i);
  }

  @Override
  public void beforeSchedulerStarts(Cluster cluster) {
    String low = cluster.createPriorityClass("low", 10);
    String high = cluster.createPriorityClass("high", 1000);
    cluster.createNode(node("node0").unschedulable());
    cluster.createPods(1, LOW_PODS, i -> pod(lowPod(i)).priorityClassName(low));
    cluster.createPod(pod("urgent").priorityClassName(high));
    cluster.mark("all pods created; the scheduler starts");
  }

  @Override
  public void run(Cluster cluster) {
    cluster.awaitFailedScheduling("urgent", Duration.ofSeconds(30));
    for (int i = 1; i <= LOW_PODS; i++) {
      cluster.awaitFailedScheduling(lowPod(i), Duration.ofSeconds(30));
    }
    cluster.mark("every pod tried once");
    cluster.setUnschedulable("node0", false);
    cluster.mark("node0 uncordoned");
    cluster.awaitAllBound(Duration.ofSeconds(90));
    cluster.mark("all bound");
  }
}
