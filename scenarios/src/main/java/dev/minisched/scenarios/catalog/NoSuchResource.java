package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 2, a pod that asks for something no node has ({@code example.com/dongle}, an extended
 * resource no node advertises). Nothing is wrong with the pod as far as the API server is
 * concerned; it just fits nowhere: it stays pending with upstream's "0/2 nodes are available:
 * 2 Insufficient example.com/dongle.", and the scheduler goes on with the next pod.
 */
public final class NoSuchResource implements Scenario {
  public static final String POD = "wants-dongle";

  @Override
  public String name() {
    return "no-such-resource";
  }

  @Override
  public String description() {
    return "a pod asks for example.com/dongle, which no node has: pending, the next pod is bound (stage 2)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNodes(1, 2, i -> node("node" + i));
    cluster.createPod(pod(POD).requests("example.com/dongle", "1"));
    cluster.mark(POD + " created");
    cluster.awaitFailedScheduling(POD, Duration.ofSeconds(30)); // why: the scheduler's line, the report
    cluster.createPod(pod("next").requests("cpu", "1"));
    cluster.awaitBound("next", Duration.ofSeconds(30));
    cluster.mark("next bound");
  }
}
