package dev.minisched.scenarios.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kube-scheduler v1.20 configuration file ({@code kubescheduler.config.k8s.io/v1beta1}, the
 * newest version v1.20 reads) with exactly one profile that runs exactly the plugins given, in the
 * order given, and nothing else: every extension point disables the defaults with {@code "*"} and
 * enables its own list. Queue sort is always PrioritySort and binding always DefaultBinder (a
 * profile must have one of each); there is no PostFilter, so no preemption.
 *
 * <p>Leader election is off, the client's limits are raised (5000 requests/s), and every node is
 * scored ({@code percentageOfNodesToScore: 100}).
 *
 * @param schedulerName the profile's name: the pods that ask for it are its
 * @param preFilter PreFilter plugins, in order
 * @param filter Filter plugins, in order (v1.20 stops at a node's first rejection, so order shows)
 * @param preScore PreScore plugins, in order
 * @param score Score plugins, in order, with their weights
 */
public record KubeSchedulerConfiguration(String schedulerName, List<String> preFilter, List<String> filter,
    List<String> preScore, Map<String, Integer> score) {
  static final String API_VERSION = "kubescheduler.config.k8s.io/v1beta1";

  public KubeSchedulerConfiguration {
    preFilter = List.copyOf(preFilter);
    filter = List.copyOf(filter);
    preScore = List.copyOf(preScore);
    score = new LinkedHashMap<>(score);
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
        .append("percentageOfNodesToScore: 100\n")
        .append("profiles:\n")
        .append("- schedulerName: ").append(schedulerName).append('\n')
        .append("  plugins:\n");
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
