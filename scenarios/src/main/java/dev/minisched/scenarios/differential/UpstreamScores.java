package dev.minisched.scenarios.differential;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scores upstream gave each node for each pod, read from kube-scheduler v1.34's own log. With
 * {@code --vmodule=schedule_one=10}, prioritizeNodes (pkg/scheduler/schedule_one.go) logs, after
 * RunScorePlugins, one structured line per node and score plugin,
 * <pre>"Plugin scored node for pod" pod="default/p1" plugin="NodeAffinity" node="n01" score=200</pre>
 * and then one per node with the total,
 * <pre>"Calculated node's final score for pod" pod="default/p1" node="n01" score=531</pre>
 * The plugin scores are already normalized and weighted (RunScorePlugins multiplies each by its
 * plugin's weight, framework/runtime/framework.go), so a node's total is their plain sum, the
 * number selectHost picks the highest of (ties at random). A pod with no such lines was not
 * scored: it had exactly one feasible node (schedulePod returns it without scoring), or the
 * profile has no score plugins.
 *
 * <p>A pod scored more than once (it failed at a later point and was retried) keeps its last
 * scoring: its "final score" lines close one scoring, and a plugin line after them opens the next.
 */
public final class UpstreamScores {
  /**
   * The flag that makes v1.34 log its scores: verbosity 10 for schedule_one.go alone (klog's
   * vmodule matches the file name without ".go"), so the rest of the log stays at verbosity 0;
   * schedule_one.go's other lines come along, a few per attempt ("Attempting to schedule pod",
   * "Successfully bound pod to node"), and are no score lines.
   */
  public static final String VMODULE = "--vmodule=schedule_one=10";

  private static final String POD = "pod=\"([^\"/]*)/([^\"]*)\"";
  private static final Pattern PLUGIN_LINE = Pattern.compile(
      "\"Plugin scored node for pod\" " + POD + " plugin=\"([^\"]*)\" node=\"([^\"]*)\" score=(-?\\d+)");
  private static final Pattern TOTAL_LINE = Pattern.compile(
      "\"Calculated node's final score for pod\" " + POD + " node=\"([^\"]*)\" score=(-?\\d+)");

  /** pod → plugin → node → weighted score, from the pod's last scoring. */
  private final Map<String, Map<String, Map<String, Long>>> scores;

  private UpstreamScores(Map<String, Map<String, Map<String, Long>>> scores) {
    this.scores = scores;
  }

  public static UpstreamScores parse(String log) {
    Map<String, Map<String, Map<String, Long>>> scores = new HashMap<>();
    Set<String> closed = new HashSet<>();
    for (String line : log.split("\n")) {
      Matcher plugin = PLUGIN_LINE.matcher(line);
      if (plugin.find()) {
        String pod = plugin.group(2);
        if (closed.remove(pod)) {
          scores.remove(pod); // scored again: the last scoring is the one that counts
        }
        scores.computeIfAbsent(pod, p -> new LinkedHashMap<>())
            .computeIfAbsent(plugin.group(3), p -> new LinkedHashMap<>())
            .put(plugin.group(4), Long.parseLong(plugin.group(5)));
        continue;
      }
      Matcher total = TOTAL_LINE.matcher(line);
      if (total.find()) {
        closed.add(total.group(2));
      }
    }
    return new UpstreamScores(scores);
  }

  /** Plugin → node → weighted score for the pod, if it was scored. */
  public Optional<Map<String, Map<String, Long>>> of(String pod) {
    return Optional.ofNullable(scores.get(pod));
  }

  /** Node → total for the pod (the sum of its weighted plugin scores), if it was scored. */
  public Optional<Map<String, Long>> totals(String pod) {
    return of(pod).map(byPlugin -> sum(byPlugin, ""));
  }

  /**
   * The plugins that decided the pod's node: those without whose scores the best node would not
   * be the same one node (another would win, or several would tie). Empty for a pod not scored,
   * or one whose best node was not unique to begin with.
   */
  public Set<String> decidedBy(String pod) {
    Map<String, Map<String, Long>> byPlugin = scores.get(pod);
    if (byPlugin == null) {
      return Set.of();
    }
    Set<String> best = best(sum(byPlugin, ""));
    if (best.size() != 1) {
      return Set.of();
    }
    Set<String> deciding = new TreeSet<>();
    for (String plugin : byPlugin.keySet()) {
      if (!best(sum(byPlugin, plugin)).equals(best)) {
        deciding.add(plugin);
      }
    }
    return deciding;
  }

  /** The highest-scoring nodes of a node → total map: one when the best is unique. */
  static Set<String> best(Map<String, Long> totals) {
    long max = totals.values().stream().mapToLong(Long::longValue).max().orElse(0);
    Set<String> best = new TreeSet<>();
    totals.forEach((node, total) -> {
      if (total == max) {
        best.add(node);
      }
    });
    return best;
  }

  /** Node → the sum of every plugin's score but {@code leftOut}'s. */
  private static Map<String, Long> sum(Map<String, Map<String, Long>> byPlugin, String leftOut) {
    Map<String, Long> totals = new LinkedHashMap<>();
    byPlugin.forEach((plugin, byNode) -> byNode.forEach((node, s) ->
        totals.merge(node, plugin.equals(leftOut) ? 0 : s, Long::sum)));
    return totals;
  }
}
