package dev.minisched.scenarios.differential;

import dev.minisched.scenarios.bench.KubeSchedulerConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every known difference between the upstream kube-scheduler CI can build (v1.20.2, Debian's
 * source package) and the one the stages follow (v1.34), in one place, each with the upstream
 * change that made it. The differential test runs v1.20 and compares through this class only:
 * {@link #configurationFor} writes v1.20's configuration for a v1.34 profile, and
 * {@link #toV134} rewrites a v1.20 FailedScheduling message into v1.34's words. Differences that
 * no mapping can undo (score formulas) are listed too; the workload is built so they cannot
 * decide anything, and the test checks that it is (see {@link #BALANCED_ALLOCATION_FORMULA}).
 *
 * <p>Sources read: v1.20.2 in Debian's kubernetes source package; v1.34 in kubernetes/kubernetes
 * (pkg/scheduler/apis/config/v1/default_plugins.go, framework/plugins/...).
 */
public final class UpstreamDifferences {
  private UpstreamDifferences() {}

  /** One difference: what, how v1.20 has it, how v1.34 has it, which upstream change, and how the test handles it. */
  public record Difference(String what, String v120, String v134, String change, String handling) {}

  // ---- plugin names and configuration ----

  public static final Difference LEAST_ALLOCATED_NAME = new Difference(
      "least-allocated scoring",
      "its own Score plugin NodeResourcesLeastAllocated; NodeResourcesFit is PreFilter + Filter only",
      "NodeResourcesFit scores too, with scoringStrategy LeastAllocated (the default)",
      "KEP-785 kube-scheduler component config v1beta2 (v1.22): NodeResourcesLeastAllocated, "
          + "MostAllocated and RequestedToCapacityRatio folded into NodeResourcesFit's scoringStrategy",
      "v1.34's NodeResourcesFit score is configured as v1.20's NodeResourcesLeastAllocated (cpu and memory, weight 1 each)");

  public static final Difference DEFAULT_WEIGHTS = new Difference(
      "default score weights",
      "every score plugin weight 1",
      "TaintToleration 3, NodeAffinity 2, NodeResourcesFit 1, NodeResourcesBalancedAllocation 1",
      "kubescheduler.config.k8s.io/v1beta3 (v1.23, kubernetes/kubernetes#104251, KEP-785): weights of the "
          + "plugins a pod's spec can steer were raised",
      "the v1.20 configuration sets v1.34's weights explicitly");

  public static final Difference PRE_EXTENSION_POINTS = new Difference(
      "PreFilter and PreScore",
      "NodeResourcesFit's Filter fails without its PreFilter; TaintToleration's Score without its PreScore; "
          + "NodeAffinity has neither",
      "NodeAffinity has PreFilter and PreScore too (both fall back when they did not run); profiles use multiPoint",
      "read in the sources: v1.20 noderesources/fit.go and tainttoleration/taint_toleration.go read their "
          + "Pre* state or fail; v1.34 nodeaffinity/node_affinity.go falls back when PreFilter/PreScore did not run",
      "the v1.20 configuration enables PreFilter NodeResourcesFit and PreScore TaintToleration with them");

  public static final Difference FILTER_ORDER = new Difference(
      "filter order",
      "NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, ... "
          + "(algorithmprovider/registry.go); a node's first rejection is its reason",
      "the same relative order (default_plugins.go multiPoint); still the first rejection per node",
      "no change for these plugins",
      "the v1.20 configuration lists the filters in the stage's order; the stage must follow v1.34's");

  public static final Difference NO_PREEMPTION = new Difference(
      "preemption suffix",
      "FailedScheduling is FitError.Error() alone, with or without PostFilter",
      "with DefaultPreemption (PostFilter) the message gains \" preemption: 0/N nodes are available: ...\"",
      "kubernetes/kubernetes#107775 (2022): FitError.Error() appends Diagnosis.PostFilterMsg",
      "minisched has no PostFilter and the v1.20 profile disables it: neither side appends anything");

  public static final Difference TOY_PLUGINS = new Difference(
      "minisched's toy NodeNumber",
      "no such plugin", "no such plugin",
      "minisched's own (from the Go mini-kube-scheduler)",
      "left out of the v1.20 profile. It is neutral when no pod name ends in a digit (its PreScore skips the "
          + "pod) and no node name does (its Permit lets the pod through at once); otherwise the workload must "
          + "give each pod one feasible node");

  // ---- messages ----

  /** v1.20: {@code node(s) had taint {k: v}, that the pod didn't tolerate}. */
  private static final Pattern V120_TAINT = Pattern.compile("node\\(s\\) had taint \\{([^{}]*)\\}, that the pod didn't tolerate");

  public static final Difference TAINT_MESSAGE = new Difference(
      "TaintToleration's reason",
      "node(s) had taint {k: v}, that the pod didn't tolerate",
      "node(s) had untolerated taint {k: v}",
      "kubernetes/kubernetes#109119 (2022). Later, #134740 (cherry-picked to 1.34 as #135023) drops "
          + "key and value from pod status: \"node(s) had untolerated taint(s)\"",
      "rewritten to the #109119 form");

  private static final String V120_AFFINITY = "node(s) didn't match Pod's node affinity";

  public static final Difference AFFINITY_MESSAGE = new Difference(
      "NodeAffinity's reason",
      V120_AFFINITY,
      "node(s) didn't match Pod's node affinity/selector",
      "kubernetes/kubernetes#97521 (v1.21): the reason names nodeSelector too",
      "rewritten");

  // ---- scores no mapping can undo ----

  public static final Difference BALANCED_ALLOCATION_FORMULA = new Difference(
      "NodeResourcesBalancedAllocation score",
      "(1 - |cpuFraction - memoryFraction|) * 100, 0 if either fraction >= 1; requests with the non-zero "
          + "defaults for pods that request nothing (100m cpu, 200Mi memory)",
      "(1 - standard deviation of the fractions) * 100 = (1 - |cpu - mem| / 2) * 100, fractions capped at 1; "
          + "the pods' actual requests (useRequested); best-effort pods skipped",
      "kubernetes/kubernetes#101946 (v1.22): standard deviation over any resources; best-effort skip: "
          + "the fix for kubernetes/kubernetes#129138 (2025); useRequested read in v1.34's balanced_allocation.go",
      "neutralized by the workload: every node's allocatable and every schedulable pod's requests are in the "
          + "same cpu:memory ratio (1m : 2Mi, that of the non-zero defaults), so both formulas give every node "
          + "the same score; the test checks in upstream's score log that they did");

  /** All of them, for the report. */
  public static List<Difference> all() {
    return List.of(LEAST_ALLOCATED_NAME, DEFAULT_WEIGHTS, PRE_EXTENSION_POINTS, FILTER_ORDER, NO_PREEMPTION,
        TOY_PLUGINS, TAINT_MESSAGE, AFFINITY_MESSAGE, BALANCED_ALLOCATION_FORMULA);
  }

  // ---- the mappings ----

  /** v1.34 score plugin name → v1.20's. */
  private static final Map<String, String> SCORE_NAMES = Map.of(
      "NodeResourcesFit", "NodeResourcesLeastAllocated",                   // LEAST_ALLOCATED_NAME
      "NodeResourcesBalancedAllocation", "NodeResourcesBalancedAllocation",
      "TaintToleration", "TaintToleration",
      "NodeAffinity", "NodeAffinity");

  /** Filters v1.20 knows under the same name. */
  private static final List<String> FILTER_NAMES =
      List.of("NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit");

  /** Plugins of minisched's own: not configured upstream (TOY_PLUGINS). */
  private static final List<String> TOYS = List.of("NodeNumber");

  /** True when every score plugin of the profile has an upstream counterpart. */
  public static boolean scoresComparable(Profile profile) {
    return profile.scores().keySet().stream().noneMatch(TOYS::contains);
  }

  /** The same plugins, order and weights for v1.20, as a configuration with one profile named {@code schedulerName}. */
  public static KubeSchedulerConfiguration configurationFor(Profile profile, String schedulerName) {
    List<String> preFilter = new ArrayList<>();
    List<String> filter = new ArrayList<>();
    for (String plugin : profile.filters()) {
      if (!FILTER_NAMES.contains(plugin)) {
        throw new IllegalArgumentException("no v1.20 filter for " + plugin + "; add it to UpstreamDifferences");
      }
      filter.add(plugin);
      if (plugin.equals("NodeResourcesFit")) {
        preFilter.add(plugin);                                             // PRE_EXTENSION_POINTS
      }
    }
    List<String> preScore = new ArrayList<>();
    Map<String, Integer> score = new LinkedHashMap<>();
    profile.scores().forEach((plugin, weight) -> {
      if (TOYS.contains(plugin)) {
        return;                                                            // TOY_PLUGINS
      }
      String v120 = SCORE_NAMES.get(plugin);
      if (v120 == null) {
        throw new IllegalArgumentException("no v1.20 score plugin for " + plugin + "; add it to UpstreamDifferences");
      }
      score.put(v120, weight);                                             // DEFAULT_WEIGHTS: explicit
      if (plugin.equals("TaintToleration")) {
        preScore.add(plugin);                                              // PRE_EXTENSION_POINTS
      }
    });
    return new KubeSchedulerConfiguration(schedulerName, preFilter, filter, preScore, score);
  }

  /** v1.20's name of a v1.34 score plugin, as upstream's score log shows it. */
  public static String v120ScoreName(String v134) {
    return SCORE_NAMES.getOrDefault(v134, v134);
  }

  private static final String PREFIX = " nodes are available: ";

  /**
   * v1.20's FailedScheduling message in v1.34's words: each reason rewritten, then the reasons
   * sorted again as upstream sorts them ({@code "<count> <reason>"} as text), since rewording can
   * move them. Messages of another shape are returned as they are.
   */
  public static String toV134(String v120) {
    String message = V120_TAINT.matcher(v120).replaceAll(m ->
        Matcher.quoteReplacement("node(s) had untolerated taint {" + m.group(1) + "}"));  // TAINT_MESSAGE
    message = message.replace(V120_AFFINITY, AFFINITY_MESSAGE.v134());                      // AFFINITY_MESSAGE
    int at = message.indexOf(PREFIX);
    if (!message.startsWith("0/") || at < 0 || !message.endsWith(".")) {
      return message;
    }
    String head = message.substring(0, at + PREFIX.length());
    String reasons = message.substring(at + PREFIX.length(), message.length() - 1);
    return head + splitReasons(reasons).stream().sorted().collect(Collectors.joining(", ")) + ".";
  }

  /** The reasons of a message, split at ", " outside braces (a taint's value could hold one). */
  private static List<String> splitReasons(String reasons) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < reasons.length(); i++) {
      char c = reasons.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (depth == 0 && reasons.startsWith(", ", i)) {
        out.add(reasons.substring(start, i));
        start = i + 2;
      }
    }
    out.add(reasons.substring(start));
    return out;
  }
}
