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
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Stage 7 on a real API server: the cluster event that can help a waiting pod brings it back at
 * once, instead of at the next leftover flush as in stage 6.
 */
class EventsStageIT {
  /** Informer delivery, a backoff already over, one cycle and a binding: well under this. */
  private static final Duration PROMPTLY = Duration.ofSeconds(2);

  @Test
  void aNewNodeBringsTheWaitingPodBackAtOnce() {
    RunResult result = ScenarioRunner.run(Main.STAGE, Main.STAGE.defaultScenario(), Settings.fromEnvironment());
    result.assertNoNodeOvercommitted();

    PodOutcome pod1 = result.pod("pod1");
    assertThat(pod1.node()).isEqualTo("node10");
    assertBoundPromptlyAfter(pod1, result.mark("node10 created"));
  }

  /** The catalog's pod-deleted-frees-room, as a learner runs it: pod3 bound promptly once pod1 goes. */
  @Test
  void theCatalogsFreedRoomScenarioBindsTheWaitingPodAtOnce() {
    RunResult result = ScenarioRunner.run(Main.STAGE, "pod-deleted-frees-room", Settings.fromEnvironment());
    result.assertNoNodeOvercommitted();

    PodOutcome pod3 = result.pod("pod3");
    assertThat(pod3.node()).isEqualTo("node1");
    assertBoundPromptlyAfter(pod3, result.mark("pod1 deleted"));
  }

  @Test
  void anUncordonBringsTheWaitingPodBackAtOnce() {
    RunResult result = ScenarioRunner.run(Main.STAGE, "node-made-schedulable", Settings.fromEnvironment());
    result.assertNoNodeOvercommitted();

    PodOutcome pod1 = result.pod("pod1");
    assertThat(pod1.node()).isEqualTo("node1");
    assertBoundPromptlyAfter(pod1, result.mark("node made schedulable"));
  }

  /**
   * NodeResourcesFit rejected the pod for lack of cpu; it registered AssignedPod Delete, so the
   * pod that held the cpu going away brings it back at once.
   */
  @Test
  void aPodLeavingItsNodeBringsThePodWaitingForItsRoomBackAtOnce() {
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "stage7-room-freed";
      }

      @Override
      public String description() {
        return "one 2-cpu node held by hog; waiter needs 1 cpu until hog is deleted";
      }

      @Override
      public void run(Cluster cluster) {
        cluster.createNode(node("big").capacity("cpu", "2"));
        cluster.createPod(pod("hog").requests("cpu", "2"));
        cluster.awaitBound("hog", Duration.ofSeconds(30));
        cluster.createPod(pod("waiter").requests("cpu", "1"));
        cluster.awaitFailedScheduling("waiter", Duration.ofSeconds(30));
        cluster.mark("hog deleted");
        cluster.deletePod("hog");
        cluster.awaitBound("waiter", Duration.ofSeconds(30));
      }
    }, Settings.fromEnvironment());
    result.assertNoNodeOvercommitted();

    PodOutcome waiter = result.pod("waiter");
    assertThat(waiter.node()).isEqualTo("big");
    assertBoundPromptlyAfter(waiter, result.mark("hog deleted"));
  }

  /**
   * Queueing hints: a pod NodeResourcesFit rejected for lack of cpu is not retried on a node label
   * change, nor on a new node too small for it (a Node Add that Fit registered, so the legacy path
   * would retry it: its hint says QueueSkip); the deletion of the pod holding the room brings it
   * back at once. Attempts are counted from FailedScheduling events: one failure, one success.
   */
  @Test
  void unhelpfulEventsLeaveThePodParkedAndTheFreedRoomBringsItBack() {
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "stage7-hints";
      }

      @Override
      public String description() {
        return "waiter needs 1 cpu; a label change and a too-small node do not retry it, hog's deletion does";
      }

      @Override
      public void run(Cluster cluster) {
        cluster.createNode(node("big").capacity("cpu", "2"));
        cluster.createPod(pod("hog").requests("cpu", "2"));
        cluster.awaitBound("hog", Duration.ofSeconds(30));
        cluster.createPod(pod("waiter").requests("cpu", "1"));
        cluster.awaitFailedScheduling("waiter", Duration.ofSeconds(30));
        cluster.mark("unhelpful events");
        cluster.updateNode("big", n -> {
          n.getMetadata().putLabelsItem("unrelated", "yes");
          return n;
        });
        cluster.createNode(node("tiny").capacity("cpu", "500m"));
        // The window in which a retry would show: a backoff (1 s) and a cycle, with room to spare.
        cluster.pause(Duration.ofSeconds(4));
        cluster.mark("hog deleted");
        cluster.deletePod("hog");
        cluster.awaitBound("waiter", Duration.ofSeconds(30));
      }
    }, Settings.fromEnvironment());

    PodOutcome waiter = result.pod("waiter");
    assertThat(waiter.node()).isEqualTo("big");
    assertThat(waiter.attempts()).as("one failure, then the binding; no retry on the unhelpful events")
        .isEqualTo(2);
    assertBoundPromptlyAfter(waiter, result.mark("hog deleted"));
  }

  private static void assertBoundPromptlyAfter(PodOutcome pod, Instant change) {
    assertThat(pod.bound()).isAfter(change);
    assertThat(Duration.between(change, pod.bound())).isLessThan(PROMPTLY);
  }

  /**
   * A gang of three with room for two: none is bound, the two that waited at Permit time out and
   * release their room; when node-b is added, the event brings the group back and all three are
   * bound.
   */
  @Test
  void aGangThatDidNotFitIsBoundWholeWhenANodeIsAdded() {
    RunResult result = ScenarioRunner.run(Main.STAGE, "gang-waits-for-room", Settings.fromEnvironment());
    result.assertNoNodeOvercommitted();

    for (String member : new String[] {"gang-a", "gang-b", "gang-c"}) {
      assertThat(result.pod(member).isBound()).as(member).isTrue();
      assertThat(result.pod(member).bound()).as(member).isAfter(result.mark("node-b added"));
    }
    assertThat(result.pods()).filteredOn(PodOutcome::isBound).extracting(PodOutcome::node)
        .contains("node-b");
  }
}
