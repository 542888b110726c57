package dev.minisched.framework;

import dev.minisched.scenarios.results.SimulatorAnnotations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each plugin said in one scheduling attempt, filled by the {@link Framework} as the
 * extension points run: per node and filter plugin, passed or the reason; per PreScore plugin,
 * success, skip or the reason; per node and score
 * plugin, the raw score and the final one (normalized, times the weight); the node chosen; per
 * Reserve plugin, success or the reason; per Permit plugin, success, wait (with its timeout) or
 * the reason, and for a pod that waited, the plugin that rejected it in the end.
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
    public void preScore(String plugin, Status status) {}

    @Override
    public void score(String node, String plugin, long raw) {}

    @Override
    public void finalScore(String node, String plugin, long weighted) {}

    @Override
    public void selectedNode(String node) {}

    @Override
    public void reserve(String plugin, Status status) {}

    @Override
    public void permit(String plugin, Status status, Duration timeout) {}

    @Override
    public void permitDecided(Status decision) {}
  };

  // node → plugin → "passed" or the reason, in the order the plugins ran on that node
  private final Map<String, Map<String, String>> filter = new ConcurrentHashMap<>();
  // plugin → "success", "skip" or the reason
  private final Map<String, String> preScore = new ConcurrentHashMap<>();
  // node → plugin → score, in the order the plugins ran
  private final Map<String, Map<String, String>> score = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> finalScore = new ConcurrentHashMap<>();
  private volatile String selectedNode = "";
  // plugin → "success" or the reason; Permit's: "success", "wait" or the reason, and the timeout
  private final Map<String, String> reserve = new ConcurrentHashMap<>();
  private final Map<String, String> permit = new ConcurrentHashMap<>();
  private final Map<String, String> permitTimeout = new ConcurrentHashMap<>();

  /** A filter plugin's verdict on a node. */
  public void filter(String node, String plugin, Status status) {
    filter.computeIfAbsent(node, n -> new LinkedHashMap<>())
        .put(plugin, status.isSuccess() ? SimulatorAnnotations.PASSED : status.message());
  }

  /** A PreScore plugin's status; Skip means its Score does not run. */
  public void preScore(String plugin, Status status) {
    preScore.put(plugin, status.isSuccess() ? SimulatorAnnotations.SUCCESS
        : status.code() == Code.SKIP ? "skip" : status.message());
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

  /** A Reserve plugin's status. */
  public void reserve(String plugin, Status status) {
    reserve.put(plugin, status.isSuccess() ? SimulatorAnnotations.SUCCESS : status.message());
  }

  /** What a Permit plugin returned: allow, wait (up to {@code timeout}) or reject. */
  public void permit(String plugin, Status status, Duration timeout) {
    permit.put(plugin, status.isSuccess() ? SimulatorAnnotations.SUCCESS
        : status.code() == Code.WAIT ? SimulatorAnnotations.WAIT : status.message());
    permitTimeout.put(plugin, goDuration(timeout == null ? Duration.ZERO : timeout));
  }

  /**
   * How the wait of a pod held at Permit ended. A rejection (by a plugin, or a timeout) replaces
   * that plugin's "wait" with the reason, so the record says who turned the pod away; an allowed
   * pod keeps "wait", and its selected node tells the rest.
   */
  public void permitDecided(Status decision) {
    if (!decision.isSuccess() && decision.plugin() != null) {
      permit.put(decision.plugin(), decision.message());
    }
  }

  public String selectedNode() {
    return selectedNode;
  }

  /** The attempt as kube-scheduler-simulator's annotations; the chosen node's entries first. */
  public Map<String, String> annotations() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(SimulatorAnnotations.FILTER, SimulatorAnnotations.json(inOrder(filter)));
    annotations.put(SimulatorAnnotations.PRESCORE, SimulatorAnnotations.json(new TreeMap<>(preScore)));
    annotations.put(SimulatorAnnotations.SCORE, SimulatorAnnotations.json(inOrder(score)));
    annotations.put(SimulatorAnnotations.FINAL_SCORE, SimulatorAnnotations.json(inOrder(finalScore)));
    annotations.put(SimulatorAnnotations.RESERVE, SimulatorAnnotations.json(new TreeMap<>(reserve)));
    annotations.put(SimulatorAnnotations.PERMIT, SimulatorAnnotations.json(new TreeMap<>(permit)));
    annotations.put(SimulatorAnnotations.PERMIT_TIMEOUT, SimulatorAnnotations.json(new TreeMap<>(permitTimeout)));
    annotations.put(SimulatorAnnotations.SELECTED_NODE, selectedNode);
    return annotations;
  }

  /** A duration as Go's time.Duration.String() writes it, as the simulator does: 10s, 1.5s, 0s. */
  static String goDuration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long millis = d.toMillis();
    long hours = millis / 3_600_000;
    long minutes = millis / 60_000 % 60;
    String seconds = BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros().toPlainString();
    if (hours > 0) {
      return hours + "h" + minutes + "m" + seconds + "s";
    }
    return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
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
