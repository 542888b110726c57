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

/** Stage 1 on a real API server: pods land on existing nodes at random, and say so in Events. */
class RandomStageIT {

  @Test
  void defaultScenarioBindsEveryPodToOneOfTheNodes() {
    RunResult result = ScenarioRunner.run(Main.STAGE, Main.STAGE.defaultScenario(), Settings.fromEnvironment());

    assertThat(result.pods()).hasSize(9).allMatch(PodOutcome::isBound);
    assertThat(result.pods()).extracting(PodOutcome::node).allMatch(n -> n.matches("node[0-2]"));
  }

  @Test
  void recordsScheduledEventsAndLeavesOtherSchedulersPodsAlone() {
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "stage1-it";
      }

      @Override
      public String description() {
        return "a pod of another scheduler first, then two of ours";
      }

      @Override
      public void run(Cluster cluster) {
        cluster.createNode(node("node0"));
        cluster.createPod(pod("theirs").schedulerName("default-scheduler"));
        cluster.createPod(pod("ours1"));
        cluster.createPod(pod("ours2"));
        cluster.awaitBound("ours1", Duration.ofSeconds(30));
        cluster.awaitBound("ours2", Duration.ofSeconds(30));
        cluster.mark("ours bound: " + cluster.awaitEvent("ours1", "Scheduled", Duration.ofSeconds(30)));
        cluster.awaitEvent("ours2", "Scheduled", Duration.ofSeconds(30));
      }
    }, Settings.fromEnvironment());

    assertThat(result.pod("ours1").node()).isEqualTo("node0");
    assertThat(result.events("ours1", "Scheduled")).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Successfully assigned default/ours1 to node0"));
    // Created first, so a scheduler that took it would have bound it before ours.
    assertThat(result.pod("theirs").isBound()).isFalse();
    assertThat(result.events("theirs", "FailedScheduling")).isEmpty();
  }
}
