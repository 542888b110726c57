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
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Stage 4 on a real API server: PreScore and Score send podN to nodeN, and the real score plugins weigh in. */
class PreScoreStageIT {

  @Test
  void defaultScenarioSendsPodNToNodeN() {
    RunResult result = ScenarioRunner.run(Main.STAGE, Main.STAGE.defaultScenario(), Settings.fromEnvironment());

    assertThat(result.pods()).hasSize(9).allMatch(PodOutcome::isBound);
    for (PodOutcome pod : result.pods()) {
      assertThat(pod.node()).as(pod.name()).isEqualTo("node" + pod.name().substring("pod".length()));
    }
  }

  /**
   * Three equal nodes and one with a PreferNoSchedule taint. Six pods asking for 1 cpu each, one
   * after the other, spread two per untainted node (NodeResourcesFit's LeastAllocated and
   * BalancedAllocation favour the emptier node) and avoid the tainted one, though it stays the
   * emptiest (TaintToleration, weight 3, outweighs both). A pod that tolerates the taint then goes
   * to the tainted node, now the emptiest node it has no objection to. The same outcome as in
   * stage 3, now with the pod's part computed once per cycle in PreScore.
   */
  @Test
  void podsSpreadOverEqualNodesAndAvoidAPreferNoScheduleTaint() {
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "stage4-real-scores";
      }

      @Override
      public String description() {
        return "three equal 4-cpu nodes and one tainted maintenance=soon:PreferNoSchedule";
      }

      @Override
      public void run(Cluster cluster) {
        for (String name : new String[] {"node-a", "node-b", "node-c"}) {
          cluster.createNode(node(name));
        }
        cluster.createNode(node("node-tainted").taint("maintenance", "soon", "PreferNoSchedule"));
        for (int i = 1; i <= 6; i++) {
          cluster.createPod(pod("web" + i).requests("cpu", "1"));
          cluster.awaitBound("web" + i, Duration.ofSeconds(30));
        }
        cluster.createPod(pod("tolerant").requests("cpu", "1").tolerate("maintenance", "PreferNoSchedule"));
        cluster.awaitBound("tolerant", Duration.ofSeconds(30));
      }
    }, Settings.fromEnvironment());

    assertThat(result.pods()).filteredOn(p -> p.name().startsWith("web")).hasSize(6)
        .extracting(PodOutcome::node)
        .containsExactlyInAnyOrder("node-a", "node-a", "node-b", "node-b", "node-c", "node-c");
    assertThat(result.pod("tolerant").node()).isEqualTo("node-tainted");
  }
}
