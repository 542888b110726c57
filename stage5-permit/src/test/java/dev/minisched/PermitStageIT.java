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
    result.assertNoNodeOvercommitted();

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
    result.assertNoNodeOvercommitted();

    assertThat(result.pods()).filteredOn(PodOutcome::isBound).extracting(PodOutcome::node)
        .containsExactlyInAnyOrder("node1", "node1", "node2", "node2");
    for (String pending : new String[] {"pod5", "pod6"}) {
      assertThat(result.pod(pending).isBound()).as(pending).isFalse();
      assertThat(result.pod(pending).pendingReason()).as(pending).isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
    }
  }

  /**
   * The lesson of the assumed pod, from the catalog: node3 has room for one pod, and the first is
   * held 3 s at permit. The second must not get the same room while the first is not yet bound.
   */
  @Test
  void aPodWaitingAtPermitKeepsItsRoomFromTheNext() {
    RunResult result = ScenarioRunner.run(Main.STAGE, "assume-before-bind", Settings.fromEnvironment());
    result.assertNoNodeOvercommitted();

    assertThat(result.pod("pod-first").node()).isEqualTo("node3");
    assertThat(result.pod("pod-second").isBound()).isFalse();
    assertThat(result.pod("pod-second").pendingReason()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
    // The second was turned away while the first still waited, not bound yet.
    assertThat(result.mark("pod-second failed")).isBefore(result.pod("pod-first").bound());
  }

  /** Coscheduling: the first two members wait at Permit for the third, then all three are bound at once. */
  @Test
  void aGangWithRoomForAllIsBoundTogether() {
    RunResult result = ScenarioRunner.run(Main.STAGE, "gang-fits", Settings.fromEnvironment());
    result.assertNoNodeOvercommitted();

    for (String member : new String[] {"gang-a", "gang-b", "gang-c"}) {
      assertThat(result.pod(member).node()).as(member).isEqualTo("node-a");
      // gang-c came a second after gang-b: the first two waited for it.
      assertThat(result.pod(member).bound()).as(member).isAfter(result.mark("gang-b created"));
    }
    // Bound together: within a moment of each other, not a second apart as they were created.
    assertThat(Duration.between(result.pod("gang-b").bound(), result.pod("gang-a").bound()).abs())
        .isLessThan(Duration.ofMillis(800));
    assertThat(Duration.between(result.pod("gang-c").bound(), result.pod("gang-a").bound()).abs())
        .isLessThan(Duration.ofMillis(800));
    assertThat(result.pod("gang-a").timeToBind()).isGreaterThan(Duration.ofMillis(1500));
  }

  /**
   * A gang of three with room for two: two members get a place and wait; the third does not fit.
   * At Coscheduling's timeout both waiting members are rejected and their room released, so a
   * 2-cpu pod created afterwards is bound to it.
   */
  @Test
  void aGangThatCannotFitTimesOutAndReleasesItsRoom() {
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "gang-times-out-and-releases";
      }

      @Override
      public String description() {
        return "a group of 3 pods, room for 2: none bound; after the timeout a 2-cpu pod takes the room";
      }

      @Override
      public void run(Cluster cluster) {
        cluster.createNode(node("node-a").capacity("cpu", "2"));
        for (String name : new String[] {"gang-a", "gang-b", "gang-c"}) {
          cluster.createPod(pod(name).requests("cpu", "1").podGroup("gang", 3));
        }
        cluster.awaitFailedScheduling("gang-c", Duration.ofSeconds(15));
        cluster.awaitFailedScheduling("gang-a", Duration.ofSeconds(20));
        cluster.awaitFailedScheduling("gang-b", Duration.ofSeconds(20));
        cluster.mark("group rejected");
        cluster.createPod(pod("big").requests("cpu", "2"));
        cluster.awaitBound("big", Duration.ofSeconds(15));
      }
    }, Settings.fromEnvironment());
    result.assertNoNodeOvercommitted();

    assertThat(result.pod("big").node()).isEqualTo("node-a");
    assertThat(result.pod("gang-c").pendingReason()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
    for (String member : new String[] {"gang-a", "gang-b"}) {
      assertThat(result.pod(member).isBound()).as(member).isFalse();
      assertThat(result.pod(member).pendingReason()).as(member).startsWith("0/1 nodes are available: 1 ")
          .containsAnyOf("rejected due to timeout after waiting 10s at plugin Coscheduling",
              "pod group gang was rejected");
    }
  }
}
