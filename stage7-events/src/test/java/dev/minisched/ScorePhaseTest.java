package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.Fixtures;
import dev.minisched.framework.Framework;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.NodeScore;
import dev.minisched.framework.PluginScores;
import dev.minisched.framework.Status;
import io.kubernetes.client.custom.Quantity;
import dev.minisched.plugins.Registry;
import dev.minisched.scenarios.catalog.NodeNumberMatch;
import dev.minisched.scenarios.config.ConfigFile;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAffinity;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PreferredSchedulingTerm;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pre-score and score phases and host selection of stage 4's scheduler, without an API server.
 * From stage 6 on NodeNumber is off in the default profile; these tests run the node-number
 * scenario's profile, which turns it on as stages 3 to 5 have it (but for its permit delay).
 */
class ScorePhaseTest {
  private final Scheduler scheduler =
      new Scheduler(new ApiClient().setReadTimeout(0), "minisched", nodeNumberFramework());

  static Framework nodeNumberFramework() {
    Registry registry = Registry.inTree();
    return registry.framework(ConfigFile.parse("node-number", NodeNumberMatch.PROFILE, Main.STAGE.module(),
        Scheduler.configurable(registry)).profile());
  }

  @AfterEach
  void close() {
    scheduler.close();
  }

  static List<NodeInfo> nodes(int count) {
    return IntStream.range(0, count).mapToObj(i -> new NodeInfo(
        Fixtures.node("node" + i, "cpu", "4", "memory", "16Gi", "pods", "110"))).toList();
  }

  static V1Pod pod(String name) {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name(name)).spec(new V1PodSpec());
  }

  @Test
  void podNGoesToNodeN() throws Exception {
    for (int i = 1; i <= 9; i++) {
      assertThat(scheduler.schedulePod(new CycleState(), pod("pod" + i), nodes(10))).isEqualTo("node" + i);
    }
  }

  @Test
  void totalsAreTheWeightedSumPerNode() throws Exception {
    // On equal, empty nodes, for a pod without containers: TaintToleration 100 × 3, NodeAffinity
    // 0 × 2, NodeResourcesFit 100 × 1 (nothing requested), BalancedAllocation 0 (a best-effort
    // pod), NodeNumber 100 × 1 on node2 only.
    List<NodeScore> totals = scheduler.prioritizeNodes(new CycleState(), pod("pod2"), nodes(3)).totals();
    assertThat(totals).containsExactly(new NodeScore("node0", 400), new NodeScore("node1", 400), new NodeScore("node2", 500));
  }

  /**
   * The stage's lesson: everything a score plugin needs from the pod is worked out in PreScore,
   * once per cycle. Scoring ten nodes afterwards does not read the pod's spec at all.
   */
  @Test
  void afterPreScoreNoScorePluginReadsThePodSpecAgain() {
    int[] specReads = {0};
    V1Pod pod = new V1Pod() {
      @Override
      public V1PodSpec getSpec() {
        specReads[0]++;
        return super.getSpec();
      }
    };
    pod.metadata(new V1ObjectMeta().namespace("default").name("pod3")).spec(new V1PodSpec()
        .containers(List.of(new V1Container().name("c").resources(new V1ResourceRequirements()
            .requests(Map.of("cpu", Quantity.fromString("500m"), "memory", Quantity.fromString("1Gi"))))))
        .tolerations(List.of(new V1Toleration().key("k").operator("Exists").effect("PreferNoSchedule")))
        .affinity(new V1Affinity().nodeAffinity(new V1NodeAffinity().preferredDuringSchedulingIgnoredDuringExecution(
            List.of(new V1PreferredSchedulingTerm().weight(5).preference(new V1NodeSelectorTerm()
                .matchExpressions(List.of(new V1NodeSelectorRequirement().key("disk").operator("Exists")))))))));
    Framework framework = nodeNumberFramework();
    CycleState state = new CycleState();
    List<NodeInfo> tenNodes = nodes(10);

    assertThat(framework.runPreScorePlugins(state, pod, tenNodes)).isEqualTo(Status.SUCCESS);
    assertThat(specReads[0]).isPositive();
    specReads[0] = 0;
    PluginScores scores = framework.runScorePlugins(state, pod, tenNodes);

    assertThat(scores.status()).isEqualTo(Status.SUCCESS);
    assertThat(scores.byPlugin()).containsOnlyKeys("TaintToleration", "NodeAffinity", "NodeResourcesFit",
        "NodeResourcesBalancedAllocation", "NodeNumber");
    assertThat(specReads[0]).isZero();
  }

  /**
   * One line per scored pod, at the moment the node is chosen: its total and the plugins that gave
   * it points, then the runner-up and the plugins that scored it otherwise. Every plugin's scores
   * for every node are DEBUG lines, not INFO ones.
   */
  @Test
  void theChosenNodesLineSaysWhichPluginsMadeItWin() throws Exception {
    try (CapturedLog log = new CapturedLog()) {
      scheduler.schedulePod(new CycleState(), pod("pod2"), nodes(3));
      scheduler.schedulePod(new CycleState(), pod("web"), nodes(3));
      assertThat(log.text())
          .contains("default/pod2: chose node2 (500 = TaintToleration 300 + NodeResourcesFit 100 + NodeNumber 100) "
              + "over node0 (400: NodeNumber 0) and 1 more")
          .containsPattern("default/web: chose node[0-2] \\(400 = TaintToleration 300 \\+ NodeResourcesFit 100\\) "
              + "over node[0-2] \\(400, a tie broken at random\\) and 1 more")
          .doesNotContain("scores, best first").doesNotContain("(weight ");
      assertThat(log.text().lines().filter(line -> line.contains("Scheduler - "))).hasSize(2);
    }
  }

  @Test
  void aPodThatFitsOneNodeIsNotScored() throws Exception {
    try (CapturedLog log = new CapturedLog()) {
      scheduler.schedulePod(new CycleState(), pod("pod2"), nodes(1));
      assertThat(log.text()).contains("default/pod2: chose node0, the only node (of 1) that passed the filters");
    }
  }

  @Test
  void theHighestTotalWins() {
    List<NodeScore> totals = List.of(new NodeScore("a", 10), new NodeScore("b", 90), new NodeScore("c", 50));
    assertThat(Scheduler.selectHost(totals, new Random(1))).isEqualTo("b");
  }

  @Test
  void tiesAreBrokenUniformlyAtRandom() {
    List<NodeScore> totals = List.of(new NodeScore("low", 1), new NodeScore("a", 7), new NodeScore("b", 7),
        new NodeScore("c", 7), new NodeScore("d", 7));
    Random random = new Random(42);
    Map<String, Integer> picks = new HashMap<>();
    int rounds = 40_000;
    for (int i = 0; i < rounds; i++) {
      picks.merge(Scheduler.selectHost(totals, random), 1, Integer::sum);
    }
    assertThat(picks).doesNotContainKey("low").containsOnlyKeys("a", "b", "c", "d");
    // Each of the 4 tied nodes expects 10,000 picks; the standard deviation is about 87.
    picks.values().forEach(n -> assertThat(n).isBetween(9_500, 10_500));
  }
}
