package dev.minisched.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameworkTest {
  private final List<String> calls = new ArrayList<>();

  private FilterPlugin filter(String name, Status result) {
    return new FilterPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
        calls.add(name);
        return result;
      }
    };
  }

  private static final NodeInfo NODE = new NodeInfo(new V1Node().metadata(new V1ObjectMeta().name("n")));

  @Test
  void runsFiltersInOrderAndStopsAtTheFirstRejection() {
    Framework framework = new Framework(List.of(
        filter("A", Status.SUCCESS), filter("B", Status.unschedulable("no")), filter("C", Status.SUCCESS)), Map.of());
    Status status = framework.runFilterPlugins(new CycleState(), new V1Pod(), NODE);
    assertThat(calls).containsExactly("A", "B");
    assertThat(status.code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(status.plugin()).isEqualTo("B");
  }

  @Test
  void successWhenEveryFilterPasses() {
    Framework framework = new Framework(List.of(filter("A", Status.SUCCESS), filter("B", Status.SUCCESS)), Map.of());
    assertThat(framework.runFilterPlugins(new CycleState(), new V1Pod(), NODE)).isEqualTo(Status.SUCCESS);
    assertThat(calls).containsExactly("A", "B");
  }

  @Test
  void cycleStateReadsBackWhatWasWrittenByType() {
    CycleState state = new CycleState();
    CycleState.Key<Integer> key = new CycleState.Key<>("digit", Integer.class);
    assertThat(state.read(key)).isEmpty();
    state.write(key, 7);
    assertThat(state.read(key)).contains(7);
  }

  private static ScorePlugin scorer(String name, java.util.function.ToLongFunction<NodeInfo> score, boolean normalize) {
    return new ScorePlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ScoreResult score(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
        return ScoreResult.of(score.applyAsLong(nodeInfo));
      }

      @Override
      public java.util.Optional<ScoreExtensions> scoreExtensions() {
        return normalize
            ? java.util.Optional.of((state, pod, scores) -> {
                ScoreExtensions.defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
                return Status.SUCCESS;
              })
            : java.util.Optional.empty();
      }
    };
  }

  private static List<NodeInfo> nodes(String... names) {
    return java.util.Arrays.stream(names)
        .map(n -> new NodeInfo(new V1Node().metadata(new V1ObjectMeta().name(n)))).toList();
  }

  @Test
  void scoresAreNormalizedThenWeighted() {
    Framework framework = new Framework(
        List.of(scorer("Raw", n -> n.name().equals("a") ? 30 : 60, false),
            scorer("Scaled", n -> n.name().equals("a") ? 5 : 10, true)),
        Map.of("Raw", 1, "Scaled", 3));
    PluginScores scores = framework.runScorePlugins(new CycleState(), new V1Pod(), nodes("a", "b"));
    assertThat(scores.status()).isEqualTo(Status.SUCCESS);
    assertThat(scores.byPlugin().get("Raw")).containsExactly(new NodeScore("a", 30), new NodeScore("b", 60));
    assertThat(scores.byPlugin().get("Scaled")).containsExactly(new NodeScore("a", 150), new NodeScore("b", 300));
  }

  @Test
  void aScoreOutsideZeroToHundredIsAnError() {
    Framework framework = new Framework(List.of(scorer("Big", n -> 1000, false)), Map.of());
    PluginScores scores = framework.runScorePlugins(new CycleState(), new V1Pod(), nodes("a"));
    assertThat(scores.status().code()).isEqualTo(Code.ERROR);
    assertThat(scores.status().plugin()).isEqualTo("Big");
    assertThat(scores.status().message()).isEqualTo("applying score defaultWeights on Score plugins: "
        + "plugin \"Big\" returns an invalid score 1000, it should in the range of [0, 100] after normalizing");
  }

  @Test
  void defaultNormalizationScalesTheBestToHundredAndCanReverse() {
    List<NodeScore> scores = new ArrayList<>(List.of(new NodeScore("a", 0), new NodeScore("b", 5), new NodeScore("c", 10)));
    ScoreExtensions.defaultNormalizeScore(100, false, scores);
    assertThat(scores).extracting(NodeScore::score).containsExactly(0L, 50L, 100L);
    ScoreExtensions.defaultNormalizeScore(100, true, scores);
    assertThat(scores).extracting(NodeScore::score).containsExactly(100L, 50L, 0L);
    List<NodeScore> zeros = new ArrayList<>(List.of(new NodeScore("a", 0)));
    ScoreExtensions.defaultNormalizeScore(100, false, zeros);
    assertThat(zeros).extracting(NodeScore::score).containsExactly(0L);
  }
}
