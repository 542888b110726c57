package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.PodOutcome;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.Scenario;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Stage 5 on a real API server: NodeNumber's permit holds pod3 on node3 for 3 s, and pod1 —
 * created after it, held 1 s on node1 — is bound first, because binding runs apart from
 * scheduling.
 */
class PermitStageIT {

  @Test
  void aLaterPodWithAShorterPermitWaitIsBoundFirst() {
    RunResult result = ScenarioRunner.run(Main.STAGE, Main.STAGE.defaultScenario(), Settings.fromEnvironment());

    PodOutcome pod3 = result.pod("pod3");
    PodOutcome pod1 = result.pod("pod1");
    assertThat(pod3.node()).isEqualTo("node3");
    assertThat(pod1.node()).isEqualTo("node1");
    assertThat(pod1.created()).isAfter(pod3.created());
    assertThat(pod1.bound()).isBefore(pod3.bound());
    // Held 3 s after the decision, which came after the pod was created; well under the 10 s timeout.
    assertThat(pod3.timeToBind()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));
    assertThat(pod1.timeToBind()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
  }

  /**
   * While a pod waits on permit and is bound on another thread, the next pods are scheduled: the
   * room it takes must count already (the assumed pod), or two 2-cpu nodes would take more than
   * four 1-cpu pods.
   */
  @Test
  void podsWaitingToBeBoundAlreadyTakeTheirRoom() {
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "stage5-assumed-pods";
      }

      @Override
      public String description() {
        return "six 1-cpu pods, two 2-cpu nodes; permit holds pods 1 and 2 on nodes 1 and 2 for seconds";
      }

      @Override
      public void run(Cluster cluster) {
        cluster.createNode(node("node1").capacity("cpu", "2"));
        cluster.createNode(node("node2").capacity("cpu", "2"));
        cluster.createPods(1, 6, i -> pod("pod" + i).requests("cpu", "1"));
        for (int i = 1; i <= 4; i++) {
          cluster.awaitBound("pod" + i, Duration.ofSeconds(30));
        }
        cluster.awaitFailedScheduling("pod5", Duration.ofSeconds(30));
        cluster.awaitFailedScheduling("pod6", Duration.ofSeconds(30));
      }
    }, Settings.fromEnvironment());

    assertThat(result.pods()).filteredOn(PodOutcome::isBound).extracting(PodOutcome::node)
        .containsExactlyInAnyOrder("node1", "node1", "node2", "node2");
    for (String pending : new String[] {"pod5", "pod6"}) {
      assertThat(result.pod(pending).isBound()).as(pending).isFalse();
      assertThat(result.pod(pending).pendingReason()).as(pending).isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
    }
  }
}
