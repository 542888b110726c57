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
 * <p>Leader election is off and the client's limits are raised (5000 requests/s): in a file, since
 * v1.20 ignores the {@code --kube-api-qps} flags once {@code --config} is given. Filtering and
 * scoring run on {@code parallelism: 16} goroutines (upstream's default, written out). The
 * differential test scores every node ({@code percentageOfNodesToScore: 100}); the benchmark
 * keeps upstream's adaptive default (0).
 *
 * <p>{@link #defaultPlugins} writes no {@code plugins} at all: the release's own default profile.
 *
 * @param schedulerName the profile's name: the pods that ask for it are its
 * @param preFilter PreFilter plugins, in order
 * @param filter Filter plugins, in order (v1.20 stops at a node's first rejection, so order shows)
 * @param preScore PreScore plugins, in order
 * @param score Score plugins, in order, with their weights
 * @param percentageOfNodesToScore 0 for upstream's adaptive default, 100 for every node
 * @param releaseDefaults true to run the release's default plugins, ignoring the lists above
 */
public record KubeSchedulerConfiguration(String schedulerName, List<String> preFilter, List<String> filter,
    List<String> preScore, Map<String, Integer> score, int percentageOfNodesToScore, boolean releaseDefaults) {
  static final String API_VERSION = "kubescheduler.config.k8s.io/v1beta1";
  /** Upstream's default number of goroutines for filtering and scoring. */
  static final int PARALLELISM = 16;

  public KubeSchedulerConfiguration {
    preFilter = List.copyOf(preFilter);
    filter = List.copyOf(filter);
    preScore = List.copyOf(preScore);
    score = new LinkedHashMap<>(score);
  }

  /** Exactly these plugins, every node scored: the differential test's profile. */
  public KubeSchedulerConfiguration(String schedulerName, List<String> preFilter, List<String> filter,
      List<String> preScore, Map<String, Integer> score) {
    this(schedulerName, preFilter, filter, preScore, score, 100, false);
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

  /**
   * The file's text, reading the cluster through {@code kubeconfig}, serving health and metrics
   * on {@code 127.0.0.1:insecurePort}.
   */
  public String yaml(Path kubeconfig, int insecurePort) {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: ").append(API_VERSION).append('\n')
        .append("kind: KubeSchedulerConfiguration\n")
        .append("clientConnection:\n")
        .append("  kubeconfig: \"").append(kubeconfig).append("\"\n")
        .append("  qps: ").append(UpstreamScheduler.RAISED_QPS).append('\n')
        .append("  burst: ").append(UpstreamScheduler.RAISED_QPS).append('\n')
        // v1.20 ignores --port=0 once --config is given and listens on the insecure port the file
        // names: 0.0.0.0:10251 when it names none (or ""), and port 0 is refused. A free port of
        // one's own keeps two kube-schedulers on one machine from colliding.
        .append("healthzBindAddress: \"127.0.0.1:").append(insecurePort).append("\"\n")
        .append("metricsBindAddress: \"127.0.0.1:").append(insecurePort).append("\"\n")
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
