package dev.minisched.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** Factories for plugins that need no handle. */
  private static List<PluginFactory> plugins(Plugin... plugins) {
    return java.util.Arrays.stream(plugins).map(plugin -> (PluginFactory) handle -> plugin).toList();
  }

  private static final NodeInfo NODE = new NodeInfo(new V1Node().metadata(new V1ObjectMeta().name("n")));

  @Test
  void runsFiltersInOrderAndStopsAtTheFirstRejection() {
    Framework framework = new Framework(plugins(
        filter("A", Status.SUCCESS), filter("B", Status.unschedulable("no")), filter("C", Status.SUCCESS)), Map.of());
    Status status = framework.runFilterPlugins(new CycleState(), new V1Pod(), NODE);
    assertThat(calls).containsExactly("A", "B");
    assertThat(status.code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(status.plugin()).isEqualTo("B");
  }

  @Test
  void successWhenEveryFilterPasses() {
    Framework framework = new Framework(plugins(filter("A", Status.SUCCESS), filter("B", Status.SUCCESS)), Map.of());
    assertThat(framework.runFilterPlugins(new CycleState(), new V1Pod(), NODE)).isEqualTo(Status.SUCCESS);
    assertThat(calls).containsExactly("A", "B");
  }

  @Test
  void eachPluginsRegisteredEventsMapToItsNameAndHint() {
    ClusterEvent nodeAdd = new ClusterEvent(EventResource.NODE, ActionType.ADD);
    QueueingHintFn skipAll = (pod, oldObj, newObj) -> QueueingHint.QUEUE_SKIP;
    class Registering implements FilterPlugin, EnqueueExtensions {
      private final String name;

      Registering(String name) {
        this.name = name;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
        return Status.SUCCESS;
      }

      @Override
      public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(new ClusterEventWithHint(nodeAdd, "B".equals(name) ? skipAll : null));
      }
    }
    Framework framework = new Framework(
        plugins(new Registering("A"), new Registering("B"), filter("Silent", Status.SUCCESS)), Map.of());
    assertThat(framework.queueingHintMap()).containsOnly(
        entry(nodeAdd, List.of(new QueueingHintFunction("A", null), new QueueingHintFunction("B", skipAll))),
        entry(ClusterEvent.WILDCARD, List.of(new QueueingHintFunction("Silent", null))));
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
        plugins(scorer("Raw", n -> n.name().equals("a") ? 30 : 60, false),
            scorer("Scaled", n -> n.name().equals("a") ? 5 : 10, true)),
        Map.of("Raw", 1, "Scaled", 3));
    PluginScores scores = framework.runScorePlugins(new CycleState(), new V1Pod(), nodes("a", "b"));
    assertThat(scores.status()).isEqualTo(Status.SUCCESS);
    assertThat(scores.byPlugin().get("Raw")).containsExactly(new NodeScore("a", 30), new NodeScore("b", 60));
    assertThat(scores.byPlugin().get("Scaled")).containsExactly(new NodeScore("a", 150), new NodeScore("b", 300));
  }

  @Test
  void aScoreOutsideZeroToHundredIsAnError() {
    Framework framework = new Framework(plugins(scorer("Big", n -> 1000, false)), Map.of());
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

  @Test
  void preScoreRunsOncePerCycleAndScoreOncePerNode() {
    int[] preScores = {0};
    int[] scores = {0};
    class Counting implements PreScorePlugin, ScorePlugin {
      @Override
      public String name() {
        return "Counting";
      }

      @Override
      public Status preScore(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
        preScores[0]++;
        return Status.SUCCESS;
      }

      @Override
      public ScoreResult score(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
        scores[0]++;
        return ScoreResult.of(1);
      }
    }
    Framework framework = new Framework(plugins(new Counting()), Map.of());
    CycleState state = new CycleState();
    List<NodeInfo> tenNodes = nodes("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9");
    assertThat(framework.runPreScorePlugins(state, new V1Pod(), tenNodes)).isEqualTo(Status.SUCCESS);
    assertThat(framework.runScorePlugins(state, new V1Pod(), tenNodes).status()).isEqualTo(Status.SUCCESS);
    assertThat(preScores[0]).isEqualTo(1);
    assertThat(scores[0]).isEqualTo(10);
  }

  @Test
  void aPluginWhosePreScoreSkipsIsNotScored() {
    class Skipping implements PreScorePlugin, ScorePlugin {
      @Override
      public String name() {
        return "Skipping";
      }

      @Override
      public Status preScore(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
        return Status.skip();
      }

      @Override
      public ScoreResult score(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
        throw new AssertionError("a skipped plugin was scored");
      }
    }
    Framework framework = new Framework(plugins(new Skipping()), Map.of());
    CycleState state = new CycleState();
    assertThat(framework.runPreScorePlugins(state, new V1Pod(), nodes("a"))).isEqualTo(Status.SUCCESS);
    assertThat(framework.runScorePlugins(state, new V1Pod(), nodes("a")).byPlugin()).isEmpty();
  }

  private static PermitPlugin permitter(String name, PermitResult result) {
    return new PermitPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public PermitResult permit(CycleState state, V1Pod pod, String nodeName) {
        return result;
      }
    };
  }

  private static V1Pod podWithUid(String uid) {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name("p").uid(uid));
  }

  @Test
  void permitAllowsWhenEveryPluginAllows() throws Exception {
    try (Framework framework = new Framework(plugins(permitter("A", PermitResult.allow())), Map.of())) {
      assertThat(framework.runPermitPlugins(new CycleState(), podWithUid("u1"), "n")).isEqualTo(Status.SUCCESS);
      assertThat(framework.getWaitingPod("u1")).isEmpty();
      assertThat(framework.waitOnPermit(podWithUid("u1")).join()).isEqualTo(Status.SUCCESS);
    }
  }

  @Test
  void aRejectingPluginEndsThePermitPhase() {
    try (Framework framework = new Framework(plugins(permitter("No", PermitResult.reject("not today")),
        permitter("Wait", PermitResult.waitFor(Duration.ofSeconds(5)))), Map.of())) {
      Status status = framework.runPermitPlugins(new CycleState(), podWithUid("u1"), "n");
      assertThat(status.code()).isEqualTo(Code.UNSCHEDULABLE);
      assertThat(status.plugin()).isEqualTo("No");
      assertThat(framework.getWaitingPod("u1")).isEmpty();
    }
  }

  @Test
  void aWaitingPodIsReleasedByAllowFromAnotherThread() throws Exception {
    try (Framework framework = new Framework(plugins(permitter("Wait", PermitResult.waitFor(Duration.ofSeconds(30)))), Map.of())) {
      assertThat(framework.runPermitPlugins(new CycleState(), podWithUid("u1"), "n").code()).isEqualTo(Code.WAIT);
      WaitingPod waiting = framework.getWaitingPod("u1").orElseThrow();
      assertThat(waiting.pendingPlugins()).containsExactly("Wait");
      java.util.concurrent.CompletableFuture.delayedExecutor(100, java.util.concurrent.TimeUnit.MILLISECONDS)
          .execute(() -> waiting.allow("Wait"));
      assertThat(framework.waitOnPermit(podWithUid("u1")).join()).isEqualTo(Status.SUCCESS);
      assertThat(framework.getWaitingPod("u1")).as("removed once decided").isEmpty();
    }
  }

  @Test
  void rejectingAWaitingPodByUidAndClosingReleaseTheirWaiters() throws Exception {
    Framework framework = new Framework(plugins(permitter("Wait", PermitResult.waitFor(Duration.ofMinutes(1)))), Map.of());
    framework.runPermitPlugins(new CycleState(), podWithUid("deleted"), "n");
    framework.runPermitPlugins(new CycleState(), podWithUid("other"), "n");
    assertThat(framework.rejectWaitingPod("deleted", "the pod was deleted")).isTrue();
    assertThat(framework.rejectWaitingPod("no-such-pod", "x")).isFalse();
    Status deleted = framework.waitOnPermit(podWithUid("deleted")).join();
    assertThat(deleted.code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(deleted.message()).isEqualTo("the pod was deleted");
    framework.close();
    assertThat(framework.waitOnPermit(podWithUid("other")).join().message()).isEqualTo("the scheduler is stopping");
  }

  @Test
  void noPluginMayWaitLongerThanFifteenMinutes() {
    try (Framework framework = new Framework(plugins(permitter("Wait", PermitResult.waitFor(Duration.ofHours(2)))), Map.of())) {
      framework.runPermitPlugins(new CycleState(), podWithUid("u1"), "n");
      assertThat(Framework.MAX_PERMIT_TIMEOUT).isEqualTo(Duration.ofMinutes(15));
      assertThat(framework.getWaitingPod("u1")).isPresent();
    }
  }
}
