package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.FitError;
import dev.minisched.framework.NodeInfo;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      nodes.add(new NodeInfo(new V1Node().metadata(new V1ObjectMeta().name("node" + i))
          .spec(new V1NodeSpec().unschedulable(i < 9 ? true : null))
          .status(new V1NodeStatus().allocatable(Map.of("pods", Quantity.fromString("110"))))));
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
}
