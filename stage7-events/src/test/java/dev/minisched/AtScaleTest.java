package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.FitError;
import dev.minisched.framework.Framework;
import dev.minisched.framework.Fixtures;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.NodeScore;
import dev.minisched.framework.PluginScores;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAffinity;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PreferredSchedulingTerm;
import io.kubernetes.client.openapi.models.V1Taint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cycle at scale: how many feasible nodes end the search (percentageOfNodesToScore), where the
 * next search starts, and that 16 workers find, reject and score exactly what one worker does.
 */
class AtScaleTest {
  private final List<AutoCloseable> started = new ArrayList<>();

  private Scheduler scheduler(int parallelism, int percentageOfNodesToScore) {
    Scheduler scheduler = new Scheduler(new ApiClient().setReadTimeout(0), "minisched",
        Scheduler.framework(parallelism), percentageOfNodesToScore);
    started.add(scheduler);
    return scheduler;
  }

  private Framework framework(int parallelism) {
    Framework framework = Scheduler.framework(parallelism);
    started.add(framework);
    return framework;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : started) {
      closeable.close();
    }
  }

  /** Upstream's TestNumFeasibleNodesToFind cases, and the cluster sizes the benchmark runs. */
  @ParameterizedTest(name = "{0} % of {1} nodes: {2}")
  @CsvSource({
      "0, 10, 10",     // fewer than 100 nodes: all of them
      "40, 10, 10",
      "0, 1000, 420",  // adaptive: 50 - 1000/125 = 42 %
      "40, 1000, 400",
      "0, 6000, 300",  // adaptive: 50 - 48 = 2 %, raised to 5 %
      "40, 6000, 2400",
      "0, 100, 100",   // 50 % of 100 is 50, raised to 100
      "0, 500, 230",   // 46 %
      "0, 5000, 500",  // 10 %
      "1, 5000, 100",  // 50 nodes, raised to 100
      "100, 5000, 5000",
  })
  void numFeasibleNodesToFind(int percentage, int numAllNodes, int expected) {
    assertThat(Scheduler.numFeasibleNodesToFind(percentage, numAllNodes)).isEqualTo(expected);
  }

  @Test
  void aPercentageOutside0To100IsRefused() {
    assertThatThrownBy(() -> scheduler(16, 101)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("percentageOfNodesToScore");
  }

  /** 200 empty nodes, all feasible: 48 % is 96, so 100 are enough; the next search goes on from there. */
  @Test
  void eachSearchStartsWhereThePreviousStopped() throws Exception {
    List<NodeInfo> nodes = nodes(200, i -> Fixtures.node("node" + i, "cpu", "4", "memory", "16Gi", "pods", "110"));
    Scheduler scheduler = scheduler(16, 0);

    List<NodeInfo> first = scheduler.findNodesThatFitPod(new CycleState(), pod(), nodes);
    List<NodeInfo> second = scheduler.findNodesThatFitPod(new CycleState(), pod(), nodes);
    List<NodeInfo> third = scheduler.findNodesThatFitPod(new CycleState(), pod(), nodes);

    assertThat(first).containsExactlyElementsOf(nodes.subList(0, 100));
    assertThat(second).containsExactlyElementsOf(nodes.subList(100, 200));
    assertThat(third).containsExactlyElementsOf(nodes.subList(0, 100));
  }

  /** Rejected nodes count as looked at: the next search starts after the last node checked. */
  @Test
  void rejectedNodesAreSkippedNextTimeToo() throws Exception {
    List<NodeInfo> nodes = mixed(300);
    Scheduler scheduler = scheduler(16, 0);
    int wanted = Scheduler.numFeasibleNodesToFind(0, 300); // 48 % of 300 is 144

    List<NodeInfo> first = scheduler.findNodesThatFitPod(new CycleState(), pod(), nodes);
    List<NodeInfo> second = scheduler.findNodesThatFitPod(new CycleState(), pod(), nodes);

    assertThat(first).containsExactlyElementsOf(feasibleInMixed(nodes, 0, wanted));
    int next = nodes.indexOf(first.get(first.size() - 1)) + 1; // the search stopped at the node that made the number
    assertThat(second).containsExactlyElementsOf(feasibleInMixed(nodes, next, wanted));
  }

  /** What a search one node after the other finds in {@link #mixed} nodes, from {@code start} on. */
  private static List<NodeInfo> feasibleInMixed(List<NodeInfo> nodes, int start, int wanted) {
    List<NodeInfo> feasible = new ArrayList<>();
    for (int k = 0; k < nodes.size() && feasible.size() < wanted; k++) {
      int i = (start + k) % nodes.size();
      if (i % 7 != 3 && i % 5 != 1 && i % 11 != 2) {
        feasible.add(nodes.get(i));
      }
    }
    return feasible;
  }

  /** Searches cut short by the percentage find the same nodes in the same order with 16 workers as with 1. */
  @Test
  void sixteenWorkersFindWhatOneFinds() throws Exception {
    List<NodeInfo> nodes = mixed(1000);
    Scheduler one = scheduler(1, 0);
    Scheduler sixteen = scheduler(16, 0);
    for (int cycle = 0; cycle < 5; cycle++) {
      List<NodeInfo> expected = one.findNodesThatFitPod(new CycleState(), pod(), nodes);
      assertThat(expected).hasSize(420);
      assertThat(sixteen.findNodesThatFitPod(new CycleState(), pod(), nodes)).containsExactlyElementsOf(expected);
    }
  }

  /** A pod that fits nowhere is checked against every node; the diagnosis does not depend on the workers. */
  @Test
  void sixteenWorkersRejectWhatOneRejects() {
    List<NodeInfo> nodes = mixed(1000);
    V1Pod tooBig = Fixtures.pod("big", Fixtures.container("cpu", "64"));
    FitError one = catchThrowableOfType(
        () -> scheduler(1, 0).findNodesThatFitPod(new CycleState(), tooBig, nodes), FitError.class);
    FitError sixteen = catchThrowableOfType(
        () -> scheduler(16, 0).findNodesThatFitPod(new CycleState(), tooBig, nodes), FitError.class);

    assertThat(one.diagnosis().nodeToStatus()).hasSize(1000);
    assertThat(sixteen.getMessage()).isEqualTo(one.getMessage()).startsWith("0/1000 nodes are available: ");
    assertThat(List.copyOf(sixteen.diagnosis().nodeToStatus().entrySet()))
        .containsExactlyElementsOf(one.diagnosis().nodeToStatus().entrySet());
    assertThat(List.copyOf(sixteen.diagnosis().unschedulablePlugins()))
        .containsExactlyElementsOf(one.diagnosis().unschedulablePlugins());
  }

  /** Every plugin's score for every node, and the totals, are the same with 16 workers as with 1. */
  @Test
  void sixteenWorkersScoreWhatOneScores() throws Exception {
    List<NodeInfo> nodes = mixed(1000);
    V1Pod pod = pod();
    pod.getSpec().affinity(preferZoneA());
    CycleState oneState = new CycleState();
    CycleState sixteenState = new CycleState();

    List<NodeScore> expected = scheduler(1, 0).prioritizeNodes(oneState, pod, nodes).totals();
    List<NodeScore> actual = scheduler(16, 0).prioritizeNodes(sixteenState, pod, nodes).totals();
    PluginScores expectedByPlugin = framework(1).runScorePlugins(oneState, pod, nodes);
    PluginScores actualByPlugin = framework(16).runScorePlugins(sixteenState, pod, nodes);

    assertThat(actual).containsExactlyElementsOf(expected);
    assertThat(expected.stream().map(NodeScore::score).distinct().count())
        .as("the nodes' scores differ, so that the comparison means something").isGreaterThan(20);
    assertThat(actualByPlugin.status().isSuccess()).isTrue();
    assertThat(actualByPlugin.byPlugin()).containsExactlyEntriesOf(expectedByPlugin.byPlugin());
  }

  private static V1Pod pod() {
    return Fixtures.pod("pod1", Fixtures.container("cpu", "100m", "memory", "256Mi"));
  }

  private static V1Affinity preferZoneA() {
    return new V1Affinity().nodeAffinity(new V1NodeAffinity().preferredDuringSchedulingIgnoredDuringExecution(
        List.of(new V1PreferredSchedulingTerm().weight(10).preference(new V1NodeSelectorTerm()
            .matchExpressions(List.of(new V1NodeSelectorRequirement().key("zone").operator("In").values(List.of("a"))))))));
  }

  /**
   * Nodes of every kind: one in seven cordoned, one in five with a NoSchedule taint, one in eleven
   * too small (no cpu to spare); the others feasible, with different sizes, pods, zones and
   * PreferNoSchedule taints, so their scores differ.
   */
  private static List<NodeInfo> mixed(int count) {
    List<NodeInfo> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "node" + i;
      V1Node node = Fixtures.node(name, "cpu", String.valueOf(2 + i % 13), "memory", (4 + i % 17) + "Gi", "pods", "110");
      node.getMetadata().putLabelsItem("zone", List.of("a", "b", "c").get(i % 3));
      if (i % 7 == 3) {
        node.getSpec().unschedulable(true);
      } else if (i % 5 == 1) {
        node.getSpec().addTaintsItem(new V1Taint().key("dedicated").value("gpu").effect("NoSchedule"));
      } else if (i % 4 == 0) {
        node.getSpec().addTaintsItem(new V1Taint().key("spare").value("true").effect("PreferNoSchedule"));
      }
      List<V1Pod> placed = new ArrayList<>();
      if (i % 11 == 2) {
        placed.add(Fixtures.on(Fixtures.pod(name + "-full", Fixtures.container("cpu", "64")), name));
      } else {
        for (int j = 0; j < i % 3; j++) {
          placed.add(Fixtures.on(Fixtures.pod(name + "-" + j, Fixtures.container("cpu", (100 + 37 * j + i % 29) + "m",
              "memory", (64 + i % 50) + "Mi")), name));
        }
      }
      nodes.add(NodeInfo.of(node, placed));
    }
    return nodes;
  }

  private static List<NodeInfo> nodes(int count, java.util.function.IntFunction<V1Node> node) {
    List<NodeInfo> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      nodes.add(new NodeInfo(node.apply(i)));
    }
    return nodes;
  }
}
