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

/**
 * A pod deleted and created again under the same name is another pod (another uid): the report
 * counts, for the new pod1, only the attempts whose Events name the new pod1 as their
 * {@code involvedObject}, not the FailedScheduling events the old pod1 left behind.
 */
class RecreatedPodIT {

  @Test
  void aRecreatedPodCountsOnlyItsOwnAttempts() {
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "recreated-pod";
      }

      @Override
      public String description() {
        return "pod1 fails with no nodes, is deleted, node0 appears, pod1 is created again";
      }

      @Override
      public void run(Cluster cluster) {
        cluster.createPod(pod("pod1"));
        cluster.awaitFailedScheduling("pod1", Duration.ofSeconds(20));
        cluster.deletePod("pod1");
        cluster.createNode(node("node0")); // ends in 0: NodeNumber's permit lets pods through at once
        cluster.createPod(pod("pod1"));
        assertThat(cluster.awaitBound("pod1", Duration.ofSeconds(20))).isEqualTo("node0");
        // Its own Scheduled event: the report's attempts are counted from events.
        cluster.awaitEvent("pod1", "Scheduled", Duration.ofSeconds(20));
      }
    }, Settings.fromEnvironment());

    PodOutcome pod1 = result.pod("pod1");
    assertThat(pod1.node()).isEqualTo("node0");
    assertThat(pod1.attempts()).as("the new pod1 was bound at its first attempt").isEqualTo(1);
    assertThat(pod1.pendingReason()).isNull();
  }
}
