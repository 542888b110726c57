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
    result.assertNoNodeOvercommitted();

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
    result.assertNoNodeOvercommitted();

    assertThat(result.pod("pod1").isBound()).isFalse();
    assertThat(result.pod("pod1").pendingReason())
        .isEqualTo("0/10 nodes are available: 10 node(s) were unschedulable.");
  }

  /**
   * The real filters on a real API server: nodes with 2 CPUs fill up with pods asking for 1 CPU
   * each, and the extra pod stays pending with "Insufficient cpu"; a tainted node takes only the
   * pod that tolerates its taint; a nodeSelector picks its node. The FailedScheduling messages
   * count every node's reason.
   */
  @Test
  void resourcesTaintsAndSelectorsDecideWherePodsGo() {
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "stage2-real-filters";
      }

      @Override
      public String description() {
        return "two 2-cpu nodes, a gpu node tainted dedicated=gpu, an ssd node";
      }

      @Override
      public void run(Cluster cluster) {
        cluster.createNode(node("small0").capacity("cpu", "2").label("pool", "small"));
        cluster.createNode(node("small1").capacity("cpu", "2").label("pool", "small"));
        cluster.createNode(node("gpu0").label("pool", "gpu").taint("dedicated", "gpu", "NoSchedule"));
        cluster.createNode(node("ssd0").label("disktype", "ssd"));
        for (int i = 1; i <= 4; i++) {
          cluster.createPod(pod("cpu" + i).requests("cpu", "1").nodeSelector("pool", "small"));
        }
        for (int i = 1; i <= 4; i++) {
          cluster.awaitBound("cpu" + i, Duration.ofSeconds(30));
        }
        cluster.createPod(pod("cpu5").requests("cpu", "1").nodeSelector("pool", "small"));
        cluster.awaitFailedScheduling("cpu5", Duration.ofSeconds(30));

        cluster.createPod(pod("tolerant").tolerate("dedicated", "NoSchedule").nodeSelector("pool", "gpu"));
        cluster.createPod(pod("intolerant").nodeSelector("pool", "gpu"));
        cluster.createPod(pod("ssd").nodeSelector("disktype", "ssd"));
        cluster.awaitBound("tolerant", Duration.ofSeconds(30));
        cluster.awaitBound("ssd", Duration.ofSeconds(30));
        cluster.awaitFailedScheduling("intolerant", Duration.ofSeconds(30));
      }
    }, Settings.fromEnvironment());
    result.assertNoNodeOvercommitted();

    for (int i = 1; i <= 4; i++) {
      assertThat(result.pod("cpu" + i).node()).as("cpu" + i).isIn("small0", "small1");
    }
    assertThat(result.pods()).filteredOn(p -> p.name().startsWith("cpu") && p.isBound())
        .extracting(PodOutcome::node).containsExactlyInAnyOrder("small0", "small0", "small1", "small1");
    assertThat(result.pod("cpu5").isBound()).isFalse();
    assertThat(result.pod("cpu5").pendingReason()).isEqualTo("0/4 nodes are available: "
        + "1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s), "
        + "2 Insufficient cpu.");

    assertThat(result.pod("tolerant").node()).isEqualTo("gpu0");
    assertThat(result.pod("ssd").node()).isEqualTo("ssd0");
    assertThat(result.pod("intolerant").isBound()).isFalse();
    assertThat(result.pod("intolerant").pendingReason()).isEqualTo("0/4 nodes are available: "
        + "1 node(s) had untolerated taint(s), 3 node(s) didn't match Pod's node affinity/selector.");
  }
}
