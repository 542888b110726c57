package dev.minisched.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.Code;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.Framework;
import dev.minisched.framework.PermitResult;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.NodeScore;
import dev.minisched.framework.ScoreResult;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeNumberTest {
  private final Framework framework = new Framework(List.of(), Map.of());
  private final NodeNumber plugin = new NodeNumber(framework);

  @AfterEach
  void close() {
    framework.close();
  }

  static V1Pod pod(String name) {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name(name));
  }

  static NodeInfo node(String name) {
    return new NodeInfo(new V1Node().metadata(new V1ObjectMeta().name(name)));
  }

  /** A cycle's state after NodeNumber's PreScore for the pod. */
  private CycleState preScored(V1Pod pod) {
    CycleState state = new CycleState();
    assertThat(plugin.preScore(state, pod, List.of())).isEqualTo(Status.SUCCESS);
    return state;
  }

  @Test
  void sameLastDigitScoresTen() {
    assertThat(plugin.score(preScored(pod("pod3")), pod("pod3"), node("node3"))).isEqualTo(ScoreResult.of(10));
    assertThat(plugin.score(preScored(pod("pod10")), pod("pod10"), node("node0"))).isEqualTo(ScoreResult.of(10));
    assertThat(plugin.score(preScored(pod("pod3")), pod("pod3"), node("node4"))).isEqualTo(ScoreResult.of(0));
    assertThat(plugin.score(preScored(pod("pod3")), pod("pod3"), node("control-plane"))).isEqualTo(ScoreResult.of(0));
  }

  @Test
  void preScoreLeavesThePodsDigitInTheCycleState() {
    assertThat(preScored(pod("pod7")).read(NodeNumber.POD_DIGIT)).contains(7);
  }

  @Test
  void aPodNameWithoutADigitSkipsScoring() {
    CycleState state = new CycleState();
    assertThat(plugin.preScore(state, pod("web"), List.of()).code()).isEqualTo(Code.SKIP);
    assertThat(state.read(NodeNumber.POD_DIGIT)).isEmpty();
  }

  @Test
  void scoreWithoutPreScoreIsAnErrorThatSaysSo() {
    ScoreResult result = plugin.score(new CycleState(), pod("pod3"), node("node3"));
    assertThat(result.status().code()).isEqualTo(Code.ERROR);
    assertThat(result.status().message()).contains("PreScore did not run");
  }

  @Test
  void normalizesTenToTheMaximum() {
    List<NodeScore> scores = new ArrayList<>(List.of(new NodeScore("node2", 0), new NodeScore("node3", 10)));
    assertThat(plugin.normalizeScore(new CycleState(), pod("pod3"), scores)).isEqualTo(Status.SUCCESS);
    assertThat(scores).containsExactly(new NodeScore("node2", 0), new NodeScore("node3", 100));
  }

  static V1Pod podWithUid(String name) {
    V1Pod pod = pod(name);
    pod.getMetadata().setUid(name + "-uid");
    return pod;
  }

  @Test
  void permitHoldsAPodForNodeNForNSecondsThenAllowsIt() throws Exception {
    try (Framework permitting = new Framework(List.of(NodeNumber::new), Map.of())) {
      V1Pod pod = podWithUid("pod1");
      Status permit = permitting.runPermitPlugins(new CycleState(), pod, "node1");
      assertThat(permit.code()).isEqualTo(Code.WAIT);
      assertThat(permitting.getWaitingPod("pod1-uid").orElseThrow().pendingPlugins()).containsExactly("NodeNumber");
      long start = System.nanoTime();
      assertThat(permitting.waitOnPermit(pod).join()).isEqualTo(Status.SUCCESS);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }
  }

  @Test
  void permitLetsAPodForNode0OrANodeWithoutADigitThroughAtOnce() {
    assertThat(plugin.permit(new CycleState(), podWithUid("pod1"), "node0").status()).isEqualTo(Status.SUCCESS);
    assertThat(plugin.permit(new CycleState(), podWithUid("pod1"), "control-plane").status()).isEqualTo(Status.SUCCESS);
  }

  @Test
  void permitWaitsAtMostTenSeconds() {
    PermitResult result = plugin.permit(new CycleState(), podWithUid("pod9"), "node9");
    assertThat(result.status().code()).isEqualTo(Code.WAIT);
    assertThat(result.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aNewNodeMayHelpAPodItRejectedOnTheLegacyPathWithoutAHint() {
    assertThat(plugin.eventsToRegister()).containsExactly(
        new dev.minisched.framework.ClusterEventWithHint(dev.minisched.framework.ClusterEvent.NODE_ADD, null));
  }
}
