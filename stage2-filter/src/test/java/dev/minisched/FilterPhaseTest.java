package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.FitError;
import dev.minisched.framework.Fixtures;
import dev.minisched.framework.NodeInfo;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Taint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter phase of stage 2's scheduler, without an API server (nothing is started). */
class FilterPhaseTest {
  private final Scheduler scheduler =
      new Scheduler(new ApiClient().setReadTimeout(0), "minisched", Scheduler.framework());

  @AfterEach
  void close() {
    scheduler.close();
  }

  static List<NodeInfo> nineCordonedAndNode9() {
    List<NodeInfo> nodes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      V1Node node = Fixtures.node("node" + i, "cpu", "4", "memory", "16Gi", "pods", "110");
      node.getSpec().unschedulable(i < 9 ? true : null);
      nodes.add(new NodeInfo(node));
    }
    return nodes;
  }

  static V1Pod pod() {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name("pod1")).spec(new V1PodSpec());
  }

  @Test
  void onlyTheSchedulableNodeIsFeasible() throws Exception {
    List<NodeInfo> feasible = scheduler.findNodesThatFitPod(new CycleState(), pod(), nineCordonedAndNode9());
    assertThat(feasible).extracting(NodeInfo::name).containsExactly("node9");
    for (int i = 0; i < 20; i++) {
      assertThat(scheduler.schedulePod(new CycleState(), pod(), nineCordonedAndNode9())).isEqualTo("node9");
    }
  }

  /** The choice is one line, at the moment it is made: which node, among how many that passed. */
  @Test
  void theChoiceIsOneLineSayingAmongHowMany() throws Exception {
    try (CapturedLog log = new CapturedLog()) {
      scheduler.schedulePod(new CycleState(), pod(), nineCordonedAndNode9());
      List<NodeInfo> twoSchedulable = new ArrayList<>(nineCordonedAndNode9());
      twoSchedulable.set(0, new NodeInfo(Fixtures.node("node0", "cpu", "4", "memory", "16Gi", "pods", "110")));
      scheduler.schedulePod(new CycleState(), pod(), twoSchedulable);
      List<String> lines = log.text().lines().toList();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).endsWith("default/pod1: chose node9, the only node (of 10) that passed the filters");
      assertThat(lines.get(1)).containsPattern("default/pod1: chose node[09] at random among the 2 of 10 nodes that passed");
    }
  }

  @Test
  void noFeasibleNodeIsAFitErrorThatSaysWhy() {
    List<NodeInfo> nodes = nineCordonedAndNode9().subList(0, 9);
    assertThatThrownBy(() -> scheduler.findNodesThatFitPod(new CycleState(), pod(), nodes))
        .isInstanceOfSatisfying(FitError.class, e -> {
          assertThat(e.getMessage()).isEqualTo("0/9 nodes are available: 9 node(s) were unschedulable.");
          assertThat(e.diagnosis().unschedulablePlugins()).containsExactly("NodeUnschedulable");
          assertThat(e.diagnosis().nodeToStatus()).hasSize(9);
        });
  }

  @Test
  void noNodesAtAllIsSaidSo() {
    assertThatThrownBy(() -> scheduler.schedulePod(new CycleState(), pod(), List.of()))
        .isInstanceOf(SchedulingError.class).hasMessage("no nodes available to schedule pods");
  }

  /**
   * The lesson's example, through the whole filter phase: 10 nodes, 3 without cpu to spare, 2
   * tainted for gpu work, 5 without the label the pod selects. Each plugin's reason is counted.
   */
  @Test
  void mixedReasonsFromTheRealFiltersAreCountedPerNode() {
    List<NodeInfo> nodes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      V1Node node = Fixtures.node("node" + i, "cpu", "2", "memory", "4Gi", "pods", "110");
      if (i < 5) {
        node.getMetadata().putLabelsItem("disktype", "ssd");
      }
      if (i >= 3 && i < 5) {
        node.getSpec().addTaintsItem(new V1Taint().key("dedicated").value("gpu").effect("NoSchedule"));
      }
      List<V1Pod> running = i < 3 ? List.of(Fixtures.on(Fixtures.pod("busy" + i, Fixtures.container("cpu", "1500m")), "node" + i)) : List.of();
      nodes.add(NodeInfo.of(node, running));
    }
    V1Pod pod = Fixtures.pod("pod1", Fixtures.container("cpu", "1"));
    pod.getSpec().setNodeSelector(java.util.Map.of("disktype", "ssd"));

    assertThatThrownBy(() -> scheduler.findNodesThatFitPod(new CycleState(), pod, nodes))
        .isInstanceOfSatisfying(FitError.class, e -> {
          assertThat(e.getMessage()).isEqualTo("0/10 nodes are available: "
              + "2 node(s) had untolerated taint(s), 3 Insufficient cpu, "
              + "5 node(s) didn't match Pod's node affinity/selector.");
          assertThat(e.diagnosis().unschedulablePlugins())
              .containsExactlyInAnyOrder("NodeResourcesFit", "TaintToleration", "NodeAffinity");
        });
  }

  @Test
  void theFirstFailingFilterSpeaksForANode() {
    // cordoned, tainted, unlabelled and full: only NodeUnschedulable, the first in order, is heard
    V1Node node = Fixtures.node("node0", "cpu", "1", "pods", "110");
    node.getSpec().unschedulable(true).addTaintsItem(new V1Taint().key("k").value("v").effect("NoSchedule"));
    V1Pod pod = Fixtures.pod("pod1", Fixtures.container("cpu", "2"));
    pod.getSpec().setNodeSelector(java.util.Map.of("disktype", "ssd"));
    assertThatThrownBy(() -> scheduler.findNodesThatFitPod(new CycleState(), pod, List.of(new NodeInfo(node))))
        .hasMessage("0/1 nodes are available: 1 node(s) were unschedulable.");
  }
}
