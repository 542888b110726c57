package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the plugins at each extension point, in the order they were configured. Upstream:
 * {@code frameworkImpl} in pkg/scheduler/framework/runtime/framework.go, which a scheduling
 * profile builds from its plugin configuration; here the stage's {@code Scheduler} hands over
 * the plugin list.
 *
 * <p>Immutable after construction; called from the scheduling thread.
 */
public final class Framework {
  private final List<FilterPlugin> filterPlugins;
  private final List<PreScorePlugin> preScorePlugins;
  private final List<ScorePlugin> scorePlugins;
  private final Map<String, Integer> weights;

  /**
   * Sorts each plugin into the extension points it implements, keeping the given order. A score
   * plugin's weight multiplies its normalized scores; upstream's default weight is 1.
   */
  public Framework(List<? extends Plugin> plugins, Map<String, Integer> weights) {
    this.filterPlugins = plugins.stream()
        .filter(FilterPlugin.class::isInstance).map(FilterPlugin.class::cast).toList();
    this.preScorePlugins = plugins.stream()
        .filter(PreScorePlugin.class::isInstance).map(PreScorePlugin.class::cast).toList();
    this.scorePlugins = plugins.stream()
        .filter(ScorePlugin.class::isInstance).map(ScorePlugin.class::cast).toList();
    this.weights = Map.copyOf(weights);
  }

  public int weight(String plugin) {
    return weights.getOrDefault(plugin, 1);
  }

  /**
   * Runs every filter plugin on one node, stopping at the first that does not succeed: one
   * reason is enough to rule a node out, and the others are not worth their time.
   *
   * @return {@link Status#SUCCESS}, or the first other status, signed with its plugin's name
   */
  public Status runFilterPlugins(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    for (FilterPlugin plugin : filterPlugins) {
      Status status = plugin.filter(state, pod, nodeInfo);
      state.result().filter(nodeInfo.name(), plugin.name(), status);
      if (!status.isSuccess()) {
        return status.withPlugin(plugin.name());
      }
    }
    return Status.SUCCESS;
  }

  /**
   * The pre-score phase: every PreScore plugin once, with all feasible nodes. A plugin that
   * returns Skip is remembered in the cycle state, and its Score is left out.
   *
   * @return success, or the first status that is neither success nor skip, signed
   */
  public Status runPreScorePlugins(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
    for (PreScorePlugin plugin : preScorePlugins) {
      Status status = plugin.preScore(state, pod, nodes);
      state.result().preScore(plugin.name(), status);
      if (status.code() == Code.SKIP) {
        state.skipScore(plugin.name());
      } else if (!status.isSuccess()) {
        return status.withPlugin(plugin.name());
      }
    }
    return Status.SUCCESS;
  }

  /**
   * The score phase: each score plugin (but those PreScore told to skip) scores every feasible node, then normalizes its scores
   * into 0..100, then they are multiplied by its weight. Upstream's RunScorePlugins, which runs
   * the plugins in parallel; here one after the other.
   */
  public PluginScores runScorePlugins(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
    Map<String, List<NodeScore>> byPlugin = new LinkedHashMap<>();
    for (ScorePlugin plugin : scorePlugins) {
      if (state.isScoreSkipped(plugin.name())) {
        continue;
      }
      List<NodeScore> scores = new ArrayList<>(nodes.size());
      for (NodeInfo node : nodes) {
        ScoreResult result = plugin.score(state, pod, node);
        if (!result.status().isSuccess()) {
          return PluginScores.failed(result.status().withPlugin(plugin.name()));
        }
        scores.add(new NodeScore(node.name(), result.score()));
        state.result().score(node.name(), plugin.name(), result.score());
      }
      if (plugin.scoreExtensions().isPresent()) {
        Status status = plugin.scoreExtensions().get().normalizeScore(state, pod, scores);
        if (!status.isSuccess()) {
          return PluginScores.failed(status.withPlugin(plugin.name()));
        }
      }
      for (NodeScore score : scores) {
        if (score.score() < ScorePlugin.MIN_NODE_SCORE || score.score() > ScorePlugin.MAX_NODE_SCORE) {
          return PluginScores.failed(Status.error("score " + score.score() + " for node " + score.name()
              + " is outside " + ScorePlugin.MIN_NODE_SCORE + ".." + ScorePlugin.MAX_NODE_SCORE
              + "; normalize it in ScoreExtensions").withPlugin(plugin.name()));
        }
      }
      int weight = weight(plugin.name());
      scores.replaceAll(s -> s.withScore(s.score() * weight));
      scores.forEach(s -> state.result().finalScore(s.name(), plugin.name(), s.score()));
      byPlugin.put(plugin.name(), List.copyOf(scores));
    }
    return new PluginScores(byPlugin, Status.SUCCESS);
  }
}
