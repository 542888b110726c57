package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.differential.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A kube-scheduler configuration file ({@code kubescheduler.config.k8s.io/v1}, the version v1.34
 * reads) with exactly one profile that runs exactly the plugins given, in the order given, and
 * nothing else: every extension point, {@code multiPoint} included, disables the defaults with
 * {@code "*"} and enables its own list, so nothing of the release's default profile comes along.
 * Queue sort is always PrioritySort and binding always DefaultBinder (a profile must have one of
 * each); there is no PostFilter, so no preemption. The same text goes to kube-scheduler and to a
 * minisched stage, which reads it with {@link dev.minisched.scenarios.config.ConfigFile}.
 *
 * <p>Leader election is off and the client's limits are raised (5000 requests/s): in the file,
 * since kube-scheduler ignores {@code --kubeconfig}, {@code --kube-api-qps} and the like once
 * {@code --config} is given (cmd/kube-scheduler/app/options: {@code ApplyDeprecated} only runs
 * without a file). v1 has no {@code healthzBindAddress} or {@code metricsBindAddress} (v1.20's
 * insecure port is gone); kube-scheduler gets {@code --secure-port=0} and serves nothing. Filtering and scoring run
 * on {@code parallelism: 16} goroutines (upstream's default, written out). The differential test
 * scores every node ({@code percentageOfNodesToScore: 100}); the benchmark keeps upstream's
 * adaptive default (0).
 *
 * <p>{@link #defaultPlugins} writes no {@code plugins} at all: the release's own default profile.
 *
 * @param schedulerName the profile's name: the pods that ask for it are its
 * @param preFilter PreFilter plugins, in order
 * @param filter Filter plugins, in order (upstream stops at a node's first rejection, so order shows)
 * @param preScore PreScore plugins, in order
 * @param score Score plugins, in order, with their weights
 * @param percentageOfNodesToScore 0 for upstream's adaptive default, 100 for every node
 * @param releaseDefaults true to run the release's default plugins, ignoring the lists above
 */
public record KubeSchedulerConfiguration(String schedulerName, List<String> preFilter, List<String> filter,
    List<String> preScore, Map<String, Integer> score, int percentageOfNodesToScore, boolean releaseDefaults) {
  static final String API_VERSION = "kubescheduler.config.k8s.io/v1";
  /** The kube-scheduler release whose plugins and extension points this file names. */
  public static final String RELEASE = "v1.34";
  /** Upstream's default number of goroutines for filtering and scoring. */
  static final int PARALLELISM = 16;

  /**
   * The extension points each plugin the file may name implements in kube-scheduler v1.34, as
   * its {@code var _ framework.XPlugin = &Plugin{}} lines say (framework/plugins/...): NodeAffinity
   * and NodeResourcesFit compute their filter's input in PreFilter (Fit's Filter fails without
   * it), and all four score plugins their score's input in PreScore (TaintToleration's Score
   * fails without it). A plugin enabled at Filter is enabled at its PreFilter too, one enabled at
   * Score at its PreScore: the points a v1.34 multiPoint entry would give it, no more.
   */
  static final Map<String, Set<String>> V134_POINTS = Map.of(
      "NodeUnschedulable", Set.of("filter"),
      "TaintToleration", Set.of("filter", "preScore", "score"),
      "NodeAffinity", Set.of("preFilter", "filter", "preScore", "score"),
      "NodeResourcesFit", Set.of("preFilter", "filter", "preScore", "score"),
      "NodeResourcesBalancedAllocation", Set.of("preScore", "score"));

  public KubeSchedulerConfiguration {
    preFilter = List.copyOf(preFilter);
    filter = List.copyOf(filter);
    preScore = List.copyOf(preScore);
    score = new LinkedHashMap<>(score);
  }

  /**
   * Exactly the profile's plugins, at the v1.34 extension points they implement, every node
   * scored: the differential test's file.
   *
   * @throws IllegalArgumentException for a plugin v1.34 has not, or not at that point (minisched's
   *     toy NodeNumber, say)
   */
  public static KubeSchedulerConfiguration exactly(Profile profile, String schedulerName) {
    List<String> preFilter = new ArrayList<>();
    for (String plugin : profile.filters()) {
      if (points(plugin, "filter").contains("preFilter")) {
        preFilter.add(plugin);
      }
    }
    List<String> preScore = new ArrayList<>();
    for (String plugin : profile.scores().keySet()) {
      if (points(plugin, "score").contains("preScore")) {
        preScore.add(plugin);
      }
    }
    return new KubeSchedulerConfiguration(schedulerName, preFilter, profile.filters(), preScore, profile.scores(),
        100, false);
  }

  private static Set<String> points(String plugin, String point) {
    Set<String> points = V134_POINTS.getOrDefault(plugin, Set.of());
    if (!points.contains(point)) {
      throw new IllegalArgumentException("kube-scheduler " + RELEASE + " has no " + point + " plugin " + plugin
          + "; the plugins this file can name: " + new java.util.TreeSet<>(V134_POINTS.keySet()));
    }
    return points;
  }

  /** The release's default profile under {@code schedulerName}, nodes sampled as upstream samples them. */
  static KubeSchedulerConfiguration defaultPlugins(String schedulerName) {
    return new KubeSchedulerConfiguration(schedulerName, List.of(), List.of(), List.of(), Map.of(), 0, true);
  }

  /** The same profile with another {@code percentageOfNodesToScore} (0: adaptive). */
  KubeSchedulerConfiguration withPercentageOfNodesToScore(int percentage) {
    return new KubeSchedulerConfiguration(schedulerName, preFilter, filter, preScore, score, percentage,
        releaseDefaults);
  }

  /** The same profile under another name: the name the measured pods ask for. */
  KubeSchedulerConfiguration withSchedulerName(String name) {
    return new KubeSchedulerConfiguration(name, preFilter, filter, preScore, score, percentageOfNodesToScore,
        releaseDefaults);
  }

  /** The file's text, reading the cluster through {@code kubeconfig}. */
  public String yaml(Path kubeconfig) {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: ").append(API_VERSION).append('\n')
        .append("kind: KubeSchedulerConfiguration\n")
        .append("clientConnection:\n")
        .append("  kubeconfig: \"").append(kubeconfig).append("\"\n")
        .append("  qps: ").append(UpstreamScheduler.RAISED_QPS).append('\n')
        .append("  burst: ").append(UpstreamScheduler.RAISED_QPS).append('\n')
        .append("leaderElection:\n")
        .append("  leaderElect: false\n")
        .append("parallelism: ").append(PARALLELISM).append('\n')
        .append("percentageOfNodesToScore: ").append(percentageOfNodesToScore).append('\n')
        .append("profiles:\n")
        .append("- schedulerName: ").append(schedulerName).append('\n');
    if (releaseDefaults) {
      return y.toString();
    }
    y.append("  plugins:\n");
    // multiPoint first: v1.34's defaults are all there (default_plugins.go), and "*" keeps every
    // one of them from being expanded to the points below.
    point(y, "multiPoint", Map.of());
    point(y, "preEnqueue", Map.of());
    point(y, "queueSort", Map.of("PrioritySort", 0));
    point(y, "preFilter", unweighted(preFilter));
    point(y, "filter", unweighted(filter));
    point(y, "postFilter", Map.of());
    point(y, "preScore", unweighted(preScore));
    point(y, "score", score);
    point(y, "reserve", Map.of());
    point(y, "permit", Map.of());
    point(y, "preBind", Map.of());
    point(y, "bind", Map.of("DefaultBinder", 0));
    point(y, "postBind", Map.of());
    return y.toString();
  }

  private static Map<String, Integer> unweighted(List<String> plugins) {
    Map<String, Integer> m = new LinkedHashMap<>();
    plugins.forEach(p -> m.put(p, 0));
    return m;
  }

  /** One extension point: the defaults off, ours on (weight 0 means none is written). */
  private static void point(StringBuilder y, String name, Map<String, Integer> enabled) {
    y.append("    ").append(name).append(":\n")
        .append("      disabled:\n")
        .append("      - name: \"*\"\n");
    if (!enabled.isEmpty()) {
      y.append("      enabled:\n");
      enabled.forEach((plugin, weight) -> {
        y.append("      - name: ").append(plugin).append('\n');
        if (weight > 0) {
          y.append("        weight: ").append(weight).append('\n');
        }
      });
    }
  }
}
