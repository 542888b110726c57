package dev.minisched.scenarios.results;

import java.util.LinkedHashMap;
import java.util.Map;

/** Attempts as a stage-3 scheduler records them, for {@code n} nodes, built in code. */
final class Attempts {
  static final String[] SCORE_PLUGINS = {"TaintToleration", "NodeAffinity", "NodeResourcesFit",
      "NodeResourcesBalancedAllocation"};

  private Attempts() {}

  /**
   * {@code n} nodes: every fifth cordoned, every seventh (not cordoned) tainted, the rest pass and are
   * scored; the node with the highest number that passes wins.
   */
  static Map<String, String> scored(int n) {
    Map<String, Map<String, String>> filter = new LinkedHashMap<>();
    Map<String, Map<String, String>> score = new LinkedHashMap<>();
    Map<String, Map<String, String>> finalScore = new LinkedHashMap<>();
    String chosen = null;
    for (int i = n - 1; i >= 0; i--) { // best first, as the recorder orders them
      String node = "node" + i;
      Map<String, String> byPlugin = new LinkedHashMap<>();
      if (i % 5 == 0) {
        byPlugin.put("NodeUnschedulable", "node(s) were unschedulable");
      } else if (i % 7 == 0) {
        byPlugin.put("NodeUnschedulable", "passed");
        byPlugin.put("TaintToleration", "node(s) had untolerated taint(s)");
      } else {
        for (String plugin : new String[] {"NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit"}) {
          byPlugin.put(plugin, "passed");
        }
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> weighted = new LinkedHashMap<>();
        for (String plugin : SCORE_PLUGINS) {
          long value = plugin.equals("NodeResourcesFit") ? i * 100L / n : 50;
          raw.put(plugin, Long.toString(value));
          weighted.put(plugin, Long.toString(plugin.equals("TaintToleration") ? value * 3 : value));
        }
        score.put(node, raw);
        finalScore.put(node, weighted);
        if (chosen == null) {
          chosen = node;
        }
      }
      filter.put(node, byPlugin);
    }
    Map<String, String> attempt = new LinkedHashMap<>();
    attempt.put(SimulatorAnnotations.FILTER, SimulatorAnnotations.json(filter));
    attempt.put(SimulatorAnnotations.SCORE, SimulatorAnnotations.json(score));
    attempt.put(SimulatorAnnotations.FINAL_SCORE, SimulatorAnnotations.json(finalScore));
    attempt.put(SimulatorAnnotations.SELECTED_NODE, chosen == null ? "" : chosen);
    return attempt;
  }
}
