package dev.minisched.framework;

import dev.minisched.scenarios.config.ExtensionPoint;
import dev.minisched.scenarios.config.Profile;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the plugins at each extension point, in the order they were configured. Upstream:
 * {@code frameworkImpl} in pkg/scheduler/framework/runtime/framework.go, which a scheduling
 * profile builds from its plugin configuration: a registry's plugins, each at the extension
 * points the profile enables it at, in the profile's order.
 *
 * <p>Immutable after construction; called from the scheduling thread, which runs the filter and
 * score plugins on the workers of its {@link Parallelizer}, for many nodes at once.
 */
public final class Framework implements AutoCloseable {
  private final List<FilterPlugin> filterPlugins;
  private final List<PreScorePlugin> preScorePlugins;
  private final List<ScorePlugin> scorePlugins;
  private final Map<String, Integer> weights;
  private final Parallelizer parallelizer;

  /** With upstream's default parallelism, {@value Parallelizer#DEFAULT_PARALLELISM} workers. */
  public Framework(List<? extends Plugin> plugins, Map<String, Integer> weights) {
    this(plugins, weights, Parallelizer.DEFAULT_PARALLELISM);
  }

  /**
   * Sorts each plugin into the extension points it implements, keeping the given order. A score
   * plugin's weight multiplies its normalized scores; upstream's default weight is 1.
   * {@code parallelism} is how many workers filter and score nodes at once (upstream's
   * {@code parallelism} setting).
   */
  public Framework(List<? extends Plugin> plugins, Map<String, Integer> weights, int parallelism) {
    this.filterPlugins = plugins.stream()
        .filter(FilterPlugin.class::isInstance).map(FilterPlugin.class::cast).toList();
    this.preScorePlugins = plugins.stream()
        .filter(PreScorePlugin.class::isInstance).map(PreScorePlugin.class::cast).toList();
    this.scorePlugins = plugins.stream()
        .filter(ScorePlugin.class::isInstance).map(ScorePlugin.class::cast).toList();
    this.weights = Map.copyOf(weights);
    this.parallelizer = new Parallelizer(parallelism);
  }

  /** The workers that filter and score nodes in parallel. Upstream: {@code Handle.Parallelizer}. */
  public Parallelizer parallelizer() {
    return parallelizer;
  }

  /**
   * The plugins of a profile: each extension point runs the plugins the profile enables there,
   * in its order, and each score plugin has the profile's weight; the profile's
   * {@code parallelism} workers filter and score. Upstream's NewFramework(registry, profile).
   *
   * @param plugins the profile's plugins by name, created from the registry with their args
   */
  public Framework(Map<String, ? extends Plugin> plugins, Profile profile) {
    this.filterPlugins = profile.enabled(ExtensionPoint.FILTER).stream()
        .map(name -> (FilterPlugin) plugins.get(name)).toList();
    this.preScorePlugins = profile.enabled(ExtensionPoint.PRE_SCORE).stream()
        .map(name -> (PreScorePlugin) plugins.get(name)).toList();
    this.scorePlugins = profile.enabled(ExtensionPoint.SCORE).stream()
        .map(name -> (ScorePlugin) plugins.get(name)).toList();
    this.weights = profile.weights();
    this.parallelizer = new Parallelizer(profile.parallelism());
  }

  public int weight(String plugin) {
    return weights.getOrDefault(plugin, 1);
  }

  /**
   * Runs every filter plugin on one node, stopping at the first that does not succeed: one
   * reason is enough to rule a node out, and the others are not worth their time. Called for
   * many nodes at once, from the parallelizer's workers; the loop below is the one place where a
   * node's filter status is decided.
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
   * into 0..100, then they are multiplied by its weight. As upstream's RunScorePlugins: the nodes
   * are scored in parallel (each worker runs every plugin on its nodes), then each plugin
   * normalizes its own scores, the plugins in parallel. Every result has a slot of its own, and
   * failures are looked at afterwards in plugin order, then node order, so the outcome is the one
   * of a run one node after the other.
   *
   * @return per plugin, its scores in the order of {@code nodes}; or the first failure, signed
   */
  public PluginScores runScorePlugins(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
    List<ScorePlugin> plugins = new ArrayList<>(scorePlugins.size());
    for (ScorePlugin plugin : scorePlugins) {
      if (!state.isScoreSkipped(plugin.name())) {
        plugins.add(plugin);
      }
    }
    ScoreResult[][] results = new ScoreResult[plugins.size()][nodes.size()];
    parallelizer.until(nodes.size(), i -> {
      for (int p = 0; p < plugins.size(); p++) {
        results[p][i] = plugins.get(p).score(state, pod, nodes.get(i)); // a plugin's raw score for one node
      }
    });
    List<List<NodeScore>> scores = new ArrayList<>(plugins.size());
    for (int p = 0; p < plugins.size(); p++) {
      List<NodeScore> pluginScores = new ArrayList<>(nodes.size());
      for (int i = 0; i < nodes.size(); i++) {
        ScoreResult result = results[p][i];
        if (!result.status().isSuccess()) {
          return PluginScores.failed(scoreError("running Score plugins", plugins.get(p).name(), result.status()));
        }
        pluginScores.add(new NodeScore(nodes.get(i).name(), result.score()));
        state.result().score(nodes.get(i).name(), plugins.get(p).name(), result.score());
      }
      scores.add(pluginScores);
    }
    Status[] normalized = new Status[plugins.size()];
    parallelizer.until(plugins.size(), p -> normalized[p] = plugins.get(p).scoreExtensions()
        .map(extensions -> extensions.normalizeScore(state, pod, scores.get(p)))
        .orElse(Status.SUCCESS));
    Map<String, List<NodeScore>> byPlugin = new LinkedHashMap<>();
    for (int p = 0; p < plugins.size(); p++) {
      ScorePlugin plugin = plugins.get(p);
      if (!normalized[p].isSuccess()) {
        return PluginScores.failed(scoreError("running Normalize on Score plugins", plugin.name(), normalized[p]));
      }
      List<NodeScore> pluginScores = scores.get(p);
      int weight = weight(plugin.name());
      for (int i = 0; i < pluginScores.size(); i++) {
        NodeScore score = pluginScores.get(i);
        if (score.score() < ScorePlugin.MIN_NODE_SCORE || score.score() > ScorePlugin.MAX_NODE_SCORE) {
          // Upstream's wording, its grammar too (RunScorePlugins): a score plugin must normalize.
          return PluginScores.failed(Status.error("applying score defaultWeights on Score plugins: plugin \""
              + plugin.name() + "\" returns an invalid score " + score.score() + ", it should in the range of ["
              + ScorePlugin.MIN_NODE_SCORE + ", " + ScorePlugin.MAX_NODE_SCORE + "] after normalizing")
              .withPlugin(plugin.name()));
        }
        pluginScores.set(i, score.withScore(score.score() * weight));
      }
      pluginScores.forEach(s -> state.result().finalScore(s.name(), plugin.name(), s.score()));
      byPlugin.put(plugin.name(), Collections.unmodifiableList(pluginScores));
    }
    return new PluginScores(byPlugin, Status.SUCCESS);
  }

  /**
   * A failed step of the score phase, worded as upstream's RunScorePlugins wraps it ("running
   * Score plugins: plugin "X" failed with: ..."): an error, whatever the plugin's code was.
   */
  private static Status scoreError(String step, String plugin, Status status) {
    return Status.error(step + ": plugin \"" + plugin + "\" failed with: " + status.message()).withPlugin(plugin);
  }

  /** Stops the parallelizer's threads. */
  @Override
  public void close() {
    parallelizer.close();
  }
}
