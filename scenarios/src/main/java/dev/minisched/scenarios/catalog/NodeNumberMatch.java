package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;
import java.util.Optional;

/**
 * Stages 3 and 4: every node fits, so scoring decides. The NodeNumber plugin gives 10 points to
 * the node whose name ends in the pod's last digit, so podN lands on nodeN.
 */
public final class NodeNumberMatch implements Scenario {
  /**
   * NodeNumber on at every point it implements (in stages 3 to 5 it is on by default, from stage
   * 6 on it is off) but Permit: its delay is stage 5's lesson (permit-delays), not this one's. A
   * stage before 5 has no Permit, and turning a plugin off there changes nothing.
   */
  public static final String PROFILE = """
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
      - plugins:
          multiPoint:
            enabled:
            - name: NodeNumber
          permit:
            disabled:
            - name: NodeNumber
      """;

  @Override
  public String name() {
    return "node-number";
  }

  @Override
  public String description() {
    return "node0-node9, pod1-pod9: the toy NodeNumber scores, podN lands on nodeN (stages 3, 4)";
  }

  @Override
  public Optional<String> configuration() {
    return Optional.of(PROFILE);
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNodes(0, 9, i -> node("node" + i));
    cluster.mark("nodes created");
    cluster.createPods(1, 9, i -> pod("pod" + i));
    cluster.mark("pods created");
    cluster.awaitAllBound(Duration.ofSeconds(30));
    cluster.mark("all pods bound");
  }
}
