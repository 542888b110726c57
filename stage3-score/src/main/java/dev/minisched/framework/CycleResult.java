package dev.minisched.framework;

import dev.minisched.scenarios.results.SimulatorAnnotations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each plugin said in one scheduling attempt, filled by the {@link Framework} as the
 * extension points run: per node and filter plugin, passed or the reason; per node and score
 * plugin, the raw score and the final one (normalized, times the weight); and the node chosen.
 * kube-scheduler-simulator keeps the same per pod in its "resultstore" and writes it onto the
 * pod as annotations; {@link #annotations} gives them in its keys and shapes
 * ({@link SimulatorAnnotations}). Stage 1 has no plugins and so no record; it starts here, with
 * the framework.
 *
 * <p>Safe to fill from several threads at once, as long as one node's plugins run on one thread
 * (the filter and score phases hand out whole nodes). {@link #NONE} records nothing, for runs
 * that do not want the bookkeeping (the benchmark), and costs a call that does nothing.
 */
public class CycleResult {
  /** Records nothing. */
  public static final CycleResult NONE = new CycleResult() {
    @Override
    public void filter(String node, String plugin, Status status) {}

    @Override
    public void score(String node, String plugin, long raw) {}

    @Override
    public void finalScore(String node, String plugin, long weighted) {}

    @Override
    public void selectedNode(String node) {}
  };

  // node → plugin → "passed" or the reason, in the order the plugins ran on that node
  private final Map<String, Map<String, String>> filter = new ConcurrentHashMap<>();
  // node → plugin → score, in the order the plugins ran
  private final Map<String, Map<String, String>> score = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> finalScore = new ConcurrentHashMap<>();
  private volatile String selectedNode = "";

  /** A filter plugin's verdict on a node. */
  public void filter(String node, String plugin, Status status) {
    filter.computeIfAbsent(node, n -> new LinkedHashMap<>())
        .put(plugin, status.isSuccess() ? SimulatorAnnotations.PASSED : status.message());
  }

  /** A score plugin's score for a node, as it returned it. */
  public void score(String node, String plugin, long raw) {
    score.computeIfAbsent(node, n -> new LinkedHashMap<>()).put(plugin, Long.toString(raw));
  }

  /** What the plugin's score for a node counts in the total: normalized, times its weight. */
  public void finalScore(String node, String plugin, long weighted) {
    finalScore.computeIfAbsent(node, n -> new LinkedHashMap<>()).put(plugin, Long.toString(weighted));
  }

  /** The node the pod is to go to; none (empty) when it fits nowhere. */
  public void selectedNode(String node) {
    selectedNode = node;
  }

  public String selectedNode() {
    return selectedNode;
  }

  /** The attempt as kube-scheduler-simulator's annotations; the chosen node's entries first. */
  public Map<String, String> annotations() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(SimulatorAnnotations.FILTER, SimulatorAnnotations.json(inOrder(filter)));
    annotations.put(SimulatorAnnotations.SCORE, SimulatorAnnotations.json(inOrder(score)));
    annotations.put(SimulatorAnnotations.FINAL_SCORE, SimulatorAnnotations.json(inOrder(finalScore)));
    annotations.put(SimulatorAnnotations.SELECTED_NODE, selectedNode);
    return annotations;
  }

  /**
   * The nodes in order of interest, so that a map cut short for the size limit keeps what
   * explains the choice: the chosen node, then the best totals, then the rest by name.
   */
  private Map<String, Map<String, String>> inOrder(Map<String, Map<String, String>> byNode) {
    List<String> nodes = new ArrayList<>(byNode.keySet());
    Map<String, Long> totals = new HashMap<>();
    finalScore.forEach((node, byPlugin) ->
        totals.put(node, byPlugin.values().stream().mapToLong(Long::parseLong).sum()));
    nodes.sort(Comparator.comparing((String n) -> !n.equals(selectedNode))
        .thenComparing(n -> -totals.getOrDefault(n, -1L))
        .thenComparing(Comparator.naturalOrder()));
    Map<String, Map<String, String>> ordered = new LinkedHashMap<>();
    for (String node : nodes) {
      ordered.put(node, byNode.get(node));
    }
    return ordered;
  }
}
