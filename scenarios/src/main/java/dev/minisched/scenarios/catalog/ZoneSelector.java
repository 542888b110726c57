package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 2, NodeAffinity: four nodes in two zones (the well-known label
 * {@code topology.kubernetes.io/zone}). Pods with a nodeSelector for zone-a land on node-a1 or
 * node-a2, a pod with required node affinity for zone-b on node-b1 or node-b2; a pod that
 * selects a zone no node is in stays pending: "4 node(s) didn't match Pod's node
 * affinity/selector".
 */
public final class ZoneSelector implements Scenario {
  public static final String ZONE = "topology.kubernetes.io/zone";
  public static final String NOWHERE_POD = "in-zone-c";

  @Override
  public String name() {
    return "zone-selector";
  }

  @Override
  public String description() {
    return "nodes in zone-a and zone-b: pods go to the zone they select; zone-c stays pending (stage 2)";
  }

  @Override
  public void run(Cluster cluster) {
    for (String zone : new String[] {"a", "b"}) {
      cluster.createNodes(1, 2, i -> node("node-" + zone + i).label(ZONE, "zone-" + zone));
    }
    cluster.mark("nodes created");
    cluster.createPods(1, 3, i -> pod("web-a" + i).nodeSelector(ZONE, "zone-a"));
    cluster.createPod(pod("db-b").requiredNodeAffinity(ZONE, "In", "zone-b"));
    cluster.mark("pods created");
    cluster.awaitAllBound(Duration.ofSeconds(30));
    cluster.mark("all pods bound");
    cluster.createPod(pod(NOWHERE_POD).nodeSelector(ZONE, "zone-c"));
    cluster.awaitFailedScheduling(NOWHERE_POD, Duration.ofSeconds(30)); // why: the scheduler's line, the report
  }
}
