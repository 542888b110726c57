package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;
import java.util.Optional;

/**
 * Stage 5: the NodeNumber permit plugin holds a pod bound for nodeN for N seconds. pod3 goes to
 * node3 and waits 3 s; pod1, created half a second later, goes to node1 and waits 1 s — and is
 * bound first, because the binding cycle runs apart from the scheduling cycle. From stage 6 on, the
 * delay is off by default; the scenario's own profile turns it on.
 */
public final class PermitDelays implements Scenario {
  @Override
  public String name() {
    return "permit-delays";
  }

  @Override
  public String description() {
    return "pod3 then pod1: permit waits N s on nodeN, pod1 is bound first (stage 5)";
  }

  /**
   * NodeNumber's permit delay is on in stage 5's default profile and off from stage 6 on; this
   * scenario turns it on wherever it runs (a stage before 5 has no permit and says so). Naming
   * Coscheduling too keeps stage 5's order: a plugin named at a point runs before the multiPoint
   * ones, as upstream.
   */
  @Override
  public Optional<String> configuration() {
    return Optional.of("""
        apiVersion: kubescheduler.config.k8s.io/v1
        kind: KubeSchedulerConfiguration
        profiles:
        - plugins:
            permit:
              enabled:
              - name: Coscheduling
              - name: NodeNumber
        """);
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNodes(0, 9, i -> node("node" + i));
    cluster.createPod(pod("pod3"));
    cluster.mark("pod3 created");
    cluster.pause(Duration.ofMillis(500));
    cluster.createPod(pod("pod1"));
    cluster.mark("pod1 created");
    cluster.awaitBound("pod1", Duration.ofSeconds(15));
    cluster.mark("pod1 bound");
    cluster.awaitBound("pod3", Duration.ofSeconds(15));
    cluster.mark("pod3 bound");
  }
}
