package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 2's lesson in one story: each filter plugin removes one node, and the pod that fits
 * nowhere is told why, node by node (upstream's FitError):
 * <pre>
 * node0  zone-a, cordoned               NodeUnschedulable: "node(s) were unschedulable"
 * node1  zone-a, tainted dedicated=gpu  TaintToleration: "node(s) had untolerated taint(s)"
 * node2  zone-b                         NodeAffinity: "node(s) didn't match Pod's node affinity/selector"
 * node3  zone-a, 2 CPUs                 NodeResourcesFit, once full: "Insufficient cpu"
 * </pre>
 * Pods that select zone-a and ask for 1 CPU: web1 and web2 fill node3; web3 then fits nowhere
 * and stays pending with all four reasons. The trainer tolerates the taint and lands on node1.
 */
public final class FilterReasons implements Scenario {
  public static final String ZONE = "topology.kubernetes.io/zone";
  public static final String PENDING_POD = "web3";
  public static final String TOLERANT_POD = "trainer";

  @Override
  public String name() {
    return "filter-reasons";
  }

  @Override
  public String description() {
    return "4 nodes, each removed by another filter: web3 fits nowhere and is told why (stage 2)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNode(node("node0").label(ZONE, "zone-a").unschedulable());
    cluster.createNode(node("node1").label(ZONE, "zone-a").taint("dedicated", "gpu", "NoSchedule"));
    cluster.createNode(node("node2").label(ZONE, "zone-b"));
    cluster.createNode(node("node3").label(ZONE, "zone-a").capacity("cpu", "2"));
    cluster.mark("nodes created");
    cluster.createPods(1, 2, i -> pod("web" + i).nodeSelector(ZONE, "zone-a").requests("cpu", "1"));
    cluster.awaitAllBound(Duration.ofSeconds(30));
    cluster.mark("web1 and web2 bound: node3 full");
    cluster.createPod(pod(PENDING_POD).nodeSelector(ZONE, "zone-a").requests("cpu", "1"));
    cluster.awaitFailedScheduling(PENDING_POD, Duration.ofSeconds(30)); // why: the scheduler's line, the report
    cluster.createPod(pod(TOLERANT_POD).nodeSelector(ZONE, "zone-a").requests("cpu", "1")
        .tolerate("dedicated", "gpu", "NoSchedule"));
    cluster.awaitBound(TOLERANT_POD, Duration.ofSeconds(30));
    cluster.mark(TOLERANT_POD + " bound");
  }
}
