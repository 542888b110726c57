package dev.minisched;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.FilterPlugin;
import dev.minisched.framework.Fixtures;
import dev.minisched.framework.Framework;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.NodeScore;
import dev.minisched.framework.Plugin;
import dev.minisched.framework.PluginFactory;
import dev.minisched.framework.PreScorePlugin;
import dev.minisched.framework.ScoreExtensions;
import dev.minisched.framework.ScorePlugin;
import dev.minisched.framework.ScoreResult;
import dev.minisched.framework.Status;
import dev.minisched.plugins.NodeAffinity;
import dev.minisched.plugins.PrioritySort;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1NodeAffinity;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PreferredSchedulingTerm;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A plugin's error ends the cycle with a message worded as upstream's framework words it
 * (framework/runtime/framework.go), so the log and the FailedScheduling Event read as
 * kube-scheduler's do. Without an API server.
 */
class ErrorMessagesTest {

  private static Scheduler schedulerWith(Plugin plugin) {
    return new Scheduler(new ApiClient().setReadTimeout(0), "minisched", new Framework(List.<PluginFactory>of(handle -> new PrioritySort(), handle -> plugin), Map.of()));
  }

  private static List<NodeInfo> twoNodes() {
    return List.of(new NodeInfo(Fixtures.node("node1", "cpu", "4", "memory", "16Gi", "pods", "110")),
        new NodeInfo(Fixtures.node("node2", "cpu", "4", "memory", "16Gi", "pods", "110")));
  }

  private static V1Pod pod() {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name("pod1").uid("uid-pod1")).spec(new V1PodSpec());
  }

  private static final String GT_ABC_ERROR = "[0].matchExpressions[0].values[0]: Invalid value: \"abc\": for 'Gt', 'Lt' operators, the value must be an integer";

  /** A pod that prefers, with weight 1, nodes whose "cores" label is greater than "abc". */
  private static V1Pod podPreferringGtAbc() {
    V1NodeSelectorTerm term = new V1NodeSelectorTerm().matchExpressions(List.of(
        new V1NodeSelectorRequirement().key("cores").operator("Gt").values(List.of("abc"))));
    return pod().spec(new V1PodSpec().affinity(new V1Affinity().nodeAffinity(new V1NodeAffinity()
        .preferredDuringSchedulingIgnoredDuringExecution(List.of(new V1PreferredSchedulingTerm().weight(1).preference(term))))));
  }

  /** Upstream's RunFilterPlugins: "running %q filter plugin: %w". */
  @Test
  void aFilterError() {
    Scheduler scheduler = schedulerWith(new FilterPlugin() {
      @Override
      public String name() {
        return "Broken";
      }

      @Override
      public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
        return Status.error("disk on fire");
      }
    });
    try {
      assertThatThrownBy(() -> scheduler.schedulePod(new CycleState(), pod(), twoNodes()))
          .isInstanceOf(SchedulingError.class).hasMessage("running \"Broken\" filter plugin: disk on fire");
    } finally {
      scheduler.close();
    }
  }

  /** A score plugin that fails in Score, or (with {@code normalizeFails}) in NormalizeScore. */
  private static ScorePlugin failingScorer(boolean normalizeFails) {
    return new ScorePlugin() {
      @Override
      public String name() {
        return "Broken";
      }

      @Override
      public ScoreResult score(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
        return normalizeFails ? ScoreResult.of(1) : ScoreResult.error("no data");
      }

      @Override
      public Optional<ScoreExtensions> scoreExtensions() {
        return Optional.of((CycleState state, V1Pod pod, List<NodeScore> scores) -> Status.error("cannot normalize"));
      }
    };
  }

  /** Upstream's RunScorePlugins: "running Score plugins: plugin %q failed with: %w". */
  @Test
  void aScoreError() {
    Scheduler scheduler = schedulerWith(failingScorer(false));
    try {
      assertThatThrownBy(() -> scheduler.schedulePod(new CycleState(), pod(), twoNodes()))
          .isInstanceOf(SchedulingError.class)
          .hasMessage("running Score plugins: plugin \"Broken\" failed with: no data");
    } finally {
      scheduler.close();
    }
  }

  /** Upstream's RunScorePlugins: "running Normalize on Score plugins: plugin %q failed with: %w". */
  @Test
  void aNormalizeScoreError() {
    Scheduler scheduler = schedulerWith(failingScorer(true));
    try {
      assertThatThrownBy(() -> scheduler.schedulePod(new CycleState(), pod(), twoNodes()))
          .isInstanceOf(SchedulingError.class)
          .hasMessage("running Normalize on Score plugins: plugin \"Broken\" failed with: cannot normalize");
    } finally {
      scheduler.close();
    }
  }

  /** Upstream's RunPreScorePlugins: "running PreScore plugin %q: %w". */
  @Test
  void aPreScoreError() {
    Scheduler scheduler = schedulerWith(new PreScorePlugin() {
      @Override
      public String name() {
        return "Broken";
      }

      @Override
      public Status preScore(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
        return Status.error("no data");
      }
    });
    try {
      assertThatThrownBy(() -> scheduler.schedulePod(new CycleState(), pod(), twoNodes()))
          .isInstanceOf(SchedulingError.class).hasMessage("running PreScore plugin \"Broken\": no data");
    } finally {
      scheduler.close();
    }
  }

  /**
   * A preferred node-affinity term that does not parse (Gt "abc", which the API server accepts)
   * fails the cycle at PreScore: upstream's NodeAffinity PreScore (getPodPreferredNodeAffinity →
   * NewPreferredSchedulingTerms) returns the error.
   */
  @Test
  void aMalformedPreferredNodeAffinityTerm() {
    Scheduler scheduler = schedulerWith(new NodeAffinity());
    try {
      assertThatThrownBy(() -> scheduler.schedulePod(new CycleState(), podPreferringGtAbc(), twoNodes()))
          .isInstanceOf(SchedulingError.class).hasMessage("running PreScore plugin \"NodeAffinity\": " + GT_ABC_ERROR);
    } finally {
      scheduler.close();
    }
  }
}
