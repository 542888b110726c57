package dev.minisched.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.Code;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.NodeScore;
import dev.minisched.framework.ScoreResult;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TaintToleration's PreScore, Score and NormalizeScore. Cases and numbers from upstream v1.34's
 * TestTaintTolerationScore (tainttoleration/taint_toleration_test.go); test names follow
 * upstream's case names.
 */
class TaintTolerationScoreTest {
  private final TaintToleration plugin = new TaintToleration();

  static V1Taint taint(String key, String value, String effect) {
    return new V1Taint().key(key).value(value).effect(effect);
  }

  static V1Toleration equal(String key, String value, String effect) {
    return new V1Toleration().key(key).operator("Equal").value(value).effect(effect);
  }

  static V1Pod podTolerating(V1Toleration... tolerations) {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name("pod1"))
        .spec(new V1PodSpec().tolerations(List.of(tolerations)));
  }

  static NodeInfo node(String name, V1Taint... taints) {
    return NodeInfo.of(new V1Node().metadata(new V1ObjectMeta().name(name)).spec(new V1NodeSpec().taints(List.of(taints))),
        List.of());
  }

  /** PreScore once, score every node, then normalize, as the framework does. */
  private List<NodeScore> scores(V1Pod pod, NodeInfo... nodes) {
    CycleState state = new CycleState();
    assertThat(plugin.preScore(state, pod, List.of(nodes))).isEqualTo(Status.SUCCESS);
    List<NodeScore> scores = new ArrayList<>();
    for (NodeInfo node : nodes) {
      ScoreResult result = plugin.score(state, pod, node);
      assertThat(result.status()).isEqualTo(Status.SUCCESS);
      scores.add(new NodeScore(node.name(), result.score()));
    }
    assertThat(plugin.scoreExtensions()).isPresent();
    assertThat(plugin.scoreExtensions().get().normalizeScore(state, pod, scores)).isEqualTo(Status.SUCCESS);
    return scores;
  }

  @Test
  void nodeWithTaintsToleratedByThePodGetsAHigherScoreThanThoseWithIntolerableTaints() {
    V1Pod pod = podTolerating(equal("foo", "bar", "PreferNoSchedule"));
    assertThat(scores(pod,
        node("nodeA", taint("foo", "bar", "PreferNoSchedule")),
        node("nodeB", taint("foo", "blah", "PreferNoSchedule"))))
        .containsExactly(new NodeScore("nodeA", 100), new NodeScore("nodeB", 0));
  }

  @Test
  void nodesWhoseTaintsAreAllToleratedGetTheSameScoreNoMatterHowMany() {
    V1Pod pod = podTolerating(equal("cpu-type", "arm64", "PreferNoSchedule"), equal("disk-type", "ssd", "PreferNoSchedule"));
    assertThat(scores(pod,
        node("nodeA"),
        node("nodeB", taint("cpu-type", "arm64", "PreferNoSchedule")),
        node("nodeC", taint("cpu-type", "arm64", "PreferNoSchedule"), taint("disk-type", "ssd", "PreferNoSchedule"))))
        .containsExactly(new NodeScore("nodeA", 100), new NodeScore("nodeB", 100), new NodeScore("nodeC", 100));
  }

  @Test
  void theMoreIntolerableTaintsANodeHasTheLowerScoreItGets() {
    V1Pod pod = podTolerating(equal("foo", "bar", "PreferNoSchedule"));
    assertThat(scores(pod,
        node("nodeA"),
        node("nodeB", taint("cpu-type", "arm64", "PreferNoSchedule")),
        node("nodeC", taint("cpu-type", "arm64", "PreferNoSchedule"), taint("disk-type", "ssd", "PreferNoSchedule"))))
        .containsExactly(new NodeScore("nodeA", 100), new NodeScore("nodeB", 50), new NodeScore("nodeC", 0));
  }

  @Test
  void onlyTaintsAndTolerationsWithEffectPreferNoScheduleAreChecked() {
    V1Pod pod = podTolerating(equal("cpu-type", "arm64", "NoSchedule"), equal("disk-type", "ssd", "NoSchedule"));
    assertThat(scores(pod,
        node("nodeA"),
        node("nodeB", taint("cpu-type", "arm64", "NoSchedule")),
        node("nodeC", taint("cpu-type", "arm64", "PreferNoSchedule"), taint("disk-type", "ssd", "PreferNoSchedule"))))
        .containsExactly(new NodeScore("nodeA", 100), new NodeScore("nodeB", 100), new NodeScore("nodeC", 0));
  }

  @Test
  void defaultBehaviourNoTaintsAndTolerationsLandsOnNodeWithNoTaints() {
    assertThat(scores(podTolerating(), node("nodeA"), node("nodeB", taint("cpu-type", "arm64", "PreferNoSchedule"))))
        .containsExactly(new NodeScore("nodeA", 100), new NodeScore("nodeB", 0));
  }

  @Test
  void preScoreLeavesOnlyTheTolerationsThatCanTolerateAPreferNoScheduleTaint() {
    V1Toleration noEffect = new V1Toleration().key("foo").operator("Exists");
    V1Toleration prefer = equal("cpu-type", "arm64", "PreferNoSchedule");
    CycleState state = new CycleState();
    plugin.preScore(state, podTolerating(noEffect, equal("disk-type", "ssd", "NoSchedule"), prefer), List.of());
    assertThat(state.read(TaintToleration.PRE_SCORE_STATE).orElseThrow().tolerationsPreferNoSchedule())
        .containsExactly(noEffect, prefer);
  }

  @Test
  void scoreWithoutPreScoreIsAnError() {
    ScoreResult result = plugin.score(new CycleState(), podTolerating(), node("nodeA"));
    assertThat(result.status().code()).isEqualTo(Code.ERROR);
    assertThat(result.status().message()).contains("PreScoreTaintToleration");
  }

  @Test
  void aTolerationWithoutEffectToleratesPreferNoScheduleToo() {
    V1Pod pod = podTolerating(new V1Toleration().key("foo").operator("Exists"));
    assertThat(scores(pod, node("nodeA"), node("nodeB", taint("foo", "bar", "PreferNoSchedule"))))
        .containsExactly(new NodeScore("nodeA", 100), new NodeScore("nodeB", 100));
  }
}
