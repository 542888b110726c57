package dev.minisched.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.Code;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.NodeScore;
import dev.minisched.framework.ScoreResult;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAffinity;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PreferredSchedulingTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NodeAffinity's PreScore, Score and NormalizeScore. Cases and numbers from upstream v1.34's
 * TestNodeAffinityPriority (nodeaffinity/node_affinity_test.go); test names follow upstream's
 * case names.
 */
class NodeAffinityScoreTest {
  private static final Map<String, String> LABEL1 = Map.of("foo", "bar");
  private static final Map<String, String> LABEL2 = Map.of("key", "value");
  private static final Map<String, String> LABEL3 = Map.of("az", "az1");
  private static final Map<String, String> LABEL4 = Map.of("abc", "az11", "def", "az22");
  private static final Map<String, String> LABEL5 = Map.of("foo", "bar", "key", "value", "az", "az1");

  private final NodeAffinity plugin = new NodeAffinity();

  static V1NodeSelectorRequirement in(String key, String value) {
    return new V1NodeSelectorRequirement().key(key).operator("In").values(List.of(value));
  }

  static V1PreferredSchedulingTerm preferred(int weight, V1NodeSelectorRequirement... expressions) {
    return new V1PreferredSchedulingTerm().weight(weight)
        .preference(new V1NodeSelectorTerm().matchExpressions(List.of(expressions)));
  }

  static V1Pod podPreferring(V1PreferredSchedulingTerm... terms) {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name("pod"))
        .spec(new V1PodSpec().affinity(new V1Affinity().nodeAffinity(
            new V1NodeAffinity().preferredDuringSchedulingIgnoredDuringExecution(List.of(terms)))));
  }

  /** Upstream's affinity1: foo=bar, weight 2. */
  static V1Pod affinity1() {
    return podPreferring(preferred(2, in("foo", "bar")));
  }

  /** Upstream's affinity2: foo=bar weight 2; key=value weight 4; all three labels of LABEL5 weight 5. */
  static V1Pod affinity2() {
    return podPreferring(preferred(2, in("foo", "bar")), preferred(4, in("key", "value")),
        preferred(5, in("foo", "bar"), in("key", "value"), in("az", "az1")));
  }

  static NodeInfo node(String name, Map<String, String> labels) {
    return NodeInfo.of(new V1Node().metadata(new V1ObjectMeta().name(name).labels(labels)), List.of());
  }

  /** PreScore once, score every node, then normalize, as the framework does. */
  private List<NodeScore> scores(V1Pod pod, NodeInfo... nodes) {
    CycleState state = new CycleState();
    assertThat(plugin.preScore(state, pod, List.of(nodes))).isEqualTo(Status.SUCCESS);
    return scoresAfterPreScore(state, pod, nodes);
  }

  private List<NodeScore> scoresAfterPreScore(CycleState state, V1Pod pod, NodeInfo... nodes) {
    List<NodeScore> scores = new ArrayList<>();
    for (NodeInfo node : nodes) {
      ScoreResult result = plugin.score(state, pod, node);
      assertThat(result.status()).isEqualTo(Status.SUCCESS);
      scores.add(new NodeScore(node.name(), result.score()));
    }
    assertThat(plugin.scoreExtensions().orElseThrow().normalizeScore(state, pod, scores)).isEqualTo(Status.SUCCESS);
    return scores;
  }

  @Test
  void allNodesAreSamePriorityAsNodeAffinityIsNil() {
    // Upstream runs this case without PreScore.
    V1Pod pod = new V1Pod().metadata(new V1ObjectMeta().name("pod")).spec(new V1PodSpec());
    assertThat(scoresAfterPreScore(new CycleState(), pod, node("node1", LABEL1), node("node2", LABEL2), node("node3", LABEL3)))
        .containsExactly(new NodeScore("node1", 0), new NodeScore("node2", 0), new NodeScore("node3", 0));
  }

  @Test
  void skipIsReturnedInPreScoreWhenNodeAffinityIsNil() {
    V1Pod pod = new V1Pod().metadata(new V1ObjectMeta().name("pod")).spec(new V1PodSpec());
    CycleState state = new CycleState();
    assertThat(plugin.preScore(state, pod, List.of(node("node1", LABEL1))).code()).isEqualTo(Code.SKIP);
    assertThat(state.read(NodeAffinity.PRE_SCORE_STATE)).isEmpty();
  }

  @Test
  void calculateThePrioritiesCorrectlyEvenIfPreScoreIsNotCalled() {
    assertThat(scoresAfterPreScore(new CycleState(), affinity2(), node("node1", LABEL1), node("node5", LABEL5),
        node("node2", LABEL2)))
        .containsExactly(new NodeScore("node1", 18), new NodeScore("node5", 100), new NodeScore("node2", 36));
  }

  @Test
  void scoreReadsTheTermsPreScoreLeftInTheCycleState() {
    CycleState state = new CycleState();
    plugin.preScore(state, affinity1(), List.of());
    V1Pod other = podPreferring(preferred(7, in("key", "value")));
    assertThat(plugin.score(state, other, node("node1", LABEL1)).score()).isEqualTo(2);
    assertThat(plugin.score(state, other, node("node2", LABEL2)).score()).isZero();
  }

  @Test
  void noNodeMatchesPreferredSchedulingRequirementsSoAllNodesPriorityIsZero() {
    assertThat(scores(affinity1(), node("node1", LABEL4), node("node2", LABEL2), node("node3", LABEL3)))
        .containsExactly(new NodeScore("node1", 0), new NodeScore("node2", 0), new NodeScore("node3", 0));
  }

  @Test
  void onlyNode1MatchesThePreferredSchedulingRequirementsOfPod() {
    assertThat(scores(affinity1(), node("node1", LABEL1), node("node2", LABEL2), node("node3", LABEL3)))
        .containsExactly(new NodeScore("node1", 100), new NodeScore("node2", 0), new NodeScore("node3", 0));
  }

  @Test
  void allNodesMatchThePreferredSchedulingRequirementsOfPodButWithDifferentPriorities() {
    // raw: node1 2, node5 2 + 4 + 5 = 11, node2 4 → 2*100/11 = 18, 100, 4*100/11 = 36
    assertThat(scores(affinity2(), node("node1", LABEL1), node("node5", LABEL5), node("node2", LABEL2)))
        .containsExactly(new NodeScore("node1", 18), new NodeScore("node5", 100), new NodeScore("node2", 36));
  }

  @Test
  void termsOfWeightZeroCountForNothing() {
    V1Pod pod = podPreferring(preferred(0, in("foo", "bar")), preferred(3, in("key", "value")));
    assertThat(scores(pod, node("node1", LABEL1), node("node2", LABEL2)))
        .containsExactly(new NodeScore("node1", 0), new NodeScore("node2", 100));
  }

  static V1NodeSelectorRequirement gt(String key, String value) {
    return new V1NodeSelectorRequirement().key(key).operator("Gt").values(List.of(value));
  }

  /** A pod that prefers, with weight 1, nodes whose "cores" label is greater than "abc". */
  static V1Pod podPreferringGtAbc() {
    return podPreferring(preferred(1, gt("cores", "abc")));
  }

  static final String GT_ABC_ERROR = "[0].matchExpressions[0].values[0]: Invalid value: \"abc\": for 'Gt', 'Lt' operators, the value must be an integer";

  /**
   * Upstream's PreScore (node_affinity.go: getPodPreferredNodeAffinity →
   * NewPreferredSchedulingTerms): a preferred term that does not parse is an error, not a term
   * that matches no node; Score says the same when PreScore did not run.
   */
  @Test
  void aMalformedPreferredTermIsAnErrorInPreScoreAndInScore() {
    Status preScore = plugin.preScore(new CycleState(), podPreferringGtAbc(), List.of(node("node1", Map.of("cores", "8"))));
    assertThat(preScore.code()).isEqualTo(Code.ERROR);
    assertThat(preScore.message()).isEqualTo(GT_ABC_ERROR);
    ScoreResult score = plugin.score(new CycleState(), podPreferringGtAbc(), node("node1", Map.of("cores", "8")));
    assertThat(score.status().code()).isEqualTo(Code.ERROR);
    assertThat(score.status().message()).isEqualTo(GT_ABC_ERROR);
  }

  /**
   * NewPreferredSchedulingTerms skips terms of weight 0 but keeps their place in the path, and
   * joins many faults as apimachinery's errors.Aggregate does.
   */
  @Test
  void manyMalformedTermsAreOneAggregatedError() {
    V1Pod pod = podPreferring(preferred(0, gt("cores", "x")), preferred(1, gt("cores", "abc")),
        preferred(2, new V1NodeSelectorRequirement().key("zone").operator("Near").values(List.of("a"))));
    assertThat(NodeAffinity.preferredTermsError(pod)).hasValue("[[1].matchExpressions[0].values[0]: Invalid value: "
        + "\"abc\": for 'Gt', 'Lt' operators, the value must be an integer, [2].matchExpressions[0].operator: "
        + "Unsupported value: \"Near\": supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\", "
        + "\"Gt\", \"Lt\"]");
  }
}
