package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * The README's "write your own plugin": node1 is labelled {@code drain=true} (and
 * {@code disk=ssd}), node2 is plain. pod1, which prefers {@code disk: ssd} (preferred node
 * affinity, so NodeAffinity's score sends it to node1), and a pod that selects
 * {@code disk: ssd}. With the default profile both land on node1; with the example plugin
 * RejectLabelled enabled by a profile ({@code label: drain}) pod1 lands on node2 and the other pod
 * stays pending, the plugin's reason in its FailedScheduling event.
 */
public final class DrainLabel implements Scenario {
  @Override
  public String name() {
    return "drain-label";
  }

  @Override
  public String description() {
    return "node1 labelled drain=true: where do pods go? (your own plugin, README; stage 3 on)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNode(node("node1").label("drain", "true").label("disk", "ssd"));
    cluster.createNode(node("node2"));
    cluster.createPod(pod("pod1").preferredNodeAffinity(10, "disk", "In", "ssd"));
    cluster.log("pod1: " + cluster.awaitDecided("pod1", Duration.ofSeconds(30)).orElse("pending"));
    cluster.createPod(pod("ssd-only").nodeSelector("disk", "ssd"));
    cluster.log("ssd-only: " + cluster.awaitDecided("ssd-only", Duration.ofSeconds(30)).orElse("pending"));
  }
}
