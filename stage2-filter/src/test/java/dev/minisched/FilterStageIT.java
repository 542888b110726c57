package dev.minisched;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.PodOutcome;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.Scenario;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.catalog.OneSchedulableNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Stage 2 on a real API server: no pod lands on a cordoned node, and a pod that fits nowhere says why. */
class FilterStageIT {

  @Test
  void oneSchedulableNodePutsEveryPodOnTheOnlySchedulableNode() {
    RunResult result = ScenarioRunner.run(Main.STAGE, new OneSchedulableNode().name(), Settings.fromEnvironment());

    assertThat(result.pods()).allMatch(PodOutcome::isBound);
    assertThat(result.pods()).filteredOn(p -> !p.name().equals(OneSchedulableNode.TOLERANT_POD))
        .hasSize(6).extracting(PodOutcome::node).containsOnly("node9");
    assertThat(result.pod(OneSchedulableNode.TOLERANT_POD).node()).matches("node[0-9]");
  }

  @Test
  void aPodThatFitsNowhereGetsAFailedSchedulingEventThatSaysWhy() {
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "stage2-nothing-fits";
      }

      @Override
      public String description() {
        return "ten cordoned nodes";
      }

      @Override
      public void run(Cluster cluster) {
        for (int i = 0; i < 10; i++) {
          cluster.createNode(node("node" + i).unschedulable());
        }
        cluster.createPod(pod("pod1"));
        cluster.awaitFailedScheduling("pod1", Duration.ofSeconds(30));
      }
    }, Settings.fromEnvironment());

    assertThat(result.pod("pod1").isBound()).isFalse();
    assertThat(result.pod("pod1").pendingReason())
        .isEqualTo("0/10 nodes are available: 10 node(s) were unschedulable.");
  }
}
