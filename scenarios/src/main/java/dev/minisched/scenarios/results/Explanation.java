package dev.minisched.scenarios.results;

import dev.minisched.scenarios.ApiErrors;
import dev.minisched.scenarios.Settings;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * "Why that node?" and "why still pending?" for one pod, read from its {@link SimulatorAnnotations}:
 * per attempt a table whose columns are the plugins and whose rows are nodes: the chosen one,
 * the runners-up, a line for the other nodes that passed, and one line per rejection reason with
 * the number of nodes it rejected. A cell of a node that passed holds the plugin's final score
 * (normalized times weight; {@code ok} for a plugin that only filters); a rejection line marks
 * the plugin that rejected with {@code ✗} and the plugins before it, which passed, with
 * {@code ok}. The table has the same few rows at 10 nodes and at 5000.
 */
public final class Explanation {
  static final int RUNNERS_UP = 3;
  static final int REASON_ROWS = 8;

  static final String KEY = "explain";

  private Explanation() {}

  /**
   * For {@code -Dminisched.explain=POD[,POD...]} or {@code all}: reads the named pods of the run
   * (every one of {@code pods} for all) and prints their explanations. Prints nothing when the
   * setting is absent, and one line instead when results do not go to annotations.
   */
  public static void report(Settings settings, CoreV1Api api, String namespace, List<String> pods, PrintStream out) {
    String wanted = settings.get(KEY).orElse(null);
    if (wanted == null) {
      return;
    }
    ResultsMode mode = ResultsMode.from(settings);
    if (mode != ResultsMode.ANNOTATIONS) {
      out.println("[minisched] -D" + Settings.property(KEY) + " reads the pods' annotations, but "
          + Settings.property(ResultsMode.KEY) + "=" + mode.name().toLowerCase(Locale.ROOT)
          + " wrote none; run with -D" + Settings.property(ResultsMode.KEY) + "=annotations");
      return;
    }
    List<String> names = wanted.equalsIgnoreCase("all") ? pods : List.of(wanted.split("\\s*,\\s*"));
    StringBuilder text = new StringBuilder("== why each pod went where it did (-D" + Settings.property(KEY) + ") ==\n");
    for (String name : names) {
      try {
        V1Pod pod = api.readNamespacedPod(name, namespace).execute();
        text.append(of(name, pod.getMetadata().getAnnotations()));
      } catch (ApiException e) {
        text.append(name).append(": ").append(e.getCode() == 404 ? "no such pod (any more)" : ApiErrors.message(e)).append('\n');
      }
    }
    out.print(text.append('\n'));
    out.flush();
  }

  /** Every attempt the pod's result history holds, oldest first. */
  public static String of(String pod, Map<String, String> annotations) {
    List<Map<String, String>> history = SimulatorAnnotations.history(
        annotations == null ? null : annotations.get(SimulatorAnnotations.RESULT_HISTORY));
    if (history.isEmpty()) {
      return pod + ": no scheduling result recorded\n";
    }
    StringBuilder out = new StringBuilder();
    int number = 0;
    for (Map<String, String> attempt : history) {
      if (attempt.containsKey(ResultPatch.TRUNCATED)) {
        out.append(pod).append(": ").append(attempt.get(ResultPatch.TRUNCATED)).append('\n');
        continue;
      }
      number++;
      out.append(attempt(pod + ", attempt " + number, attempt));
    }
    return out.toString();
  }

  /** The table of one attempt, under a title line. */
  public static String attempt(String title, Map<String, String> attempt) {
    Map<String, Map<String, String>> filter = SimulatorAnnotations.nodeMap(attempt.get(SimulatorAnnotations.FILTER));
    Map<String, Map<String, String>> scores = SimulatorAnnotations.nodeMap(attempt.get(SimulatorAnnotations.FINAL_SCORE));
    String truncated = note(filter.remove(ResultPatch.TRUNCATED));
    String scoresTruncated = note(scores.remove(ResultPatch.TRUNCATED));
    String selected = attempt.getOrDefault(SimulatorAnnotations.SELECTED_NODE, "");

    Set<String> plugins = new LinkedHashSet<>();
    filter.values().forEach(byPlugin -> plugins.addAll(byPlugin.keySet()));
    scores.values().forEach(byPlugin -> plugins.addAll(byPlugin.keySet()));

    List<String> passed = new ArrayList<>();
    Map<Rejection, Integer> rejections = new LinkedHashMap<>();
    Map<Rejection, String> firstNode = new LinkedHashMap<>();
    Set<String> nodes = new LinkedHashSet<>(filter.keySet());
    nodes.addAll(scores.keySet());
    for (String node : nodes) {
      Rejection rejection = rejection(filter.getOrDefault(node, Map.of()));
      if (rejection == null) {
        passed.add(node);
      } else {
        rejections.merge(rejection, 1, Integer::sum);
        firstNode.putIfAbsent(rejection, node);
      }
    }
    passed.sort(Comparator.comparingLong((String n) -> -total(scores.get(n))).thenComparing(n -> n));

    StringBuilder out = new StringBuilder();
    out.append(title).append(": ").append(outcome(selected, attempt)).append(" — ")
        .append(nodes.size()).append(nodes.size() == 1 ? " node: " : " nodes: ")
        .append(passed.size()).append(" passed the filters, ")
        .append(nodes.size() - passed.size()).append(" rejected").append('\n');

    List<String> header = new ArrayList<>(List.of("node"));
    header.addAll(plugins);
    header.add(scores.isEmpty() ? "" : "total");
    header.add("");
    List<List<String>> rows = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    if (!selected.isEmpty() && passed.contains(selected)) {
      shown.add(selected);
    }
    passed.stream().filter(n -> !n.equals(selected) && (scores.isEmpty() || scores.containsKey(n)))
        .limit(RUNNERS_UP).forEach(shown::add);
    for (String node : shown) {
      List<String> row = new ArrayList<>(List.of(node));
      Map<String, String> nodeScores = scores.getOrDefault(node, Map.of());
      for (String plugin : plugins) {
        row.add(nodeScores.getOrDefault(plugin, filter.getOrDefault(node, Map.of()).containsKey(plugin) ? "ok" : ""));
      }
      row.add(scores.isEmpty() ? "" : Long.toString(total(nodeScores)));
      row.add(node.equals(selected) ? "← chosen" : "");
      rows.add(row);
    }
    // With many nodes the filter phase stops once it has found enough feasible nodes
    // (percentageOfNodesToScore), and a node a worker passed after that is not scored.
    List<String> rest = passed.stream()
        .filter(n -> !shown.contains(n) && (scores.isEmpty() || scores.containsKey(n))).toList();
    if (!rest.isEmpty()) {
      List<String> row = new ArrayList<>(List.of("+" + rest.size() + " more passed"));
      plugins.forEach(p -> row.add(""));
      long low = total(scores.get(rest.get(rest.size() - 1)));
      long high = total(scores.get(rest.get(0)));
      row.add(scores.isEmpty() ? "" : low == high ? Long.toString(low) : low + ".." + high);
      row.add("");
      rows.add(row);
    }
    long unscored = scores.isEmpty() ? 0 : passed.stream().filter(n -> !scores.containsKey(n)).count();
    if (unscored > 0) {
      List<String> row = new ArrayList<>(List.of("+" + unscored + " passed, not scored"));
      plugins.forEach(p -> row.add(""));
      row.add("");
      row.add("the search had found enough feasible nodes");
      rows.add(row);
    }
    List<Map.Entry<Rejection, Integer>> byCount = new ArrayList<>(rejections.entrySet());
    byCount.sort(Map.Entry.<Rejection, Integer>comparingByValue().reversed()
        .thenComparing(e -> e.getKey().reason()));
    int otherNodes = 0;
    for (int i = 0; i < byCount.size(); i++) {
      Map.Entry<Rejection, Integer> e = byCount.get(i);
      if (i >= REASON_ROWS) {
        otherNodes += e.getValue();
        continue;
      }
      // One node is named; more are counted, as in the FailedScheduling message.
      List<String> row = new ArrayList<>(List.of(e.getValue() == 1 ? firstNode.get(e.getKey()) : e.getValue() + " nodes"));
      boolean before = true;
      for (String plugin : plugins) {
        if (plugin.equals(e.getKey().plugin())) {
          row.add("✗");
          before = false;
        } else {
          row.add(before && e.getKey().ran().contains(plugin) ? "ok" : "");
        }
      }
      row.add("");
      row.add(e.getKey().reason());
      rows.add(row);
    }
    if (otherNodes > 0) {
      List<String> row = new ArrayList<>(List.of(otherNodes + (otherNodes == 1 ? " node" : " nodes")));
      plugins.forEach(p -> row.add(""));
      row.add("");
      row.add("rejected for " + (byCount.size() - REASON_ROWS) + " other reasons");
      rows.add(row);
    }
    table(header, rows, out);
    if (!truncated.isEmpty() || !scoresTruncated.isEmpty()) {
      out.append("  (the annotations were cut to stay under 256 KiB: ")
          .append(truncated.isEmpty() ? scoresTruncated : truncated).append(")\n");
    }
    extra(attempt, SimulatorAnnotations.PRESCORE, "prescore", out);
    extra(attempt, SimulatorAnnotations.RESERVE, "reserve", out);
    extra(attempt, SimulatorAnnotations.PERMIT, "permit", out);
    if (attempt.containsKey(SimulatorAnnotations.QUEUE)) {
      out.append("  queue: ").append(attempt.get(SimulatorAnnotations.QUEUE)).append('\n');
    }
    return out.toString();
  }

  /** The plugin that rejected a node, why, and the plugins that passed it first. */
  private record Rejection(String plugin, String reason, Set<String> ran) {}

  private static Rejection rejection(Map<String, String> byPlugin) {
    Set<String> ran = new LinkedHashSet<>();
    for (Map.Entry<String, String> e : byPlugin.entrySet()) {
      if (!SimulatorAnnotations.PASSED.equals(e.getValue())) {
        return new Rejection(e.getKey(), e.getValue(), Set.copyOf(ran));
      }
      ran.add(e.getKey());
    }
    return null;
  }

  private static String outcome(String selected, Map<String, String> attempt) {
    if (selected.isEmpty()) {
      return "no node chosen";
    }
    Map<String, String> permit = SimulatorAnnotations.pluginMap(attempt.get(SimulatorAnnotations.PERMIT));
    boolean refused = permit.values().stream()
        .anyMatch(v -> !v.equals(SimulatorAnnotations.SUCCESS) && !v.equals(SimulatorAnnotations.WAIT));
    return refused ? "chose " + selected + ", refused at Permit" : "chose " + selected;
  }

  private static void extra(Map<String, String> attempt, String key, String label, StringBuilder out) {
    Map<String, String> results = SimulatorAnnotations.pluginMap(attempt.get(key));
    if (results.isEmpty()) {
      return;
    }
    Map<String, String> timeouts = key.equals(SimulatorAnnotations.PERMIT)
        ? SimulatorAnnotations.pluginMap(attempt.get(SimulatorAnnotations.PERMIT_TIMEOUT)) : Map.of();
    out.append("  ").append(label).append(':');
    results.forEach((plugin, result) -> {
      out.append(' ').append(plugin).append('=').append(result);
      String timeout = timeouts.get(plugin);
      if (result.equals(SimulatorAnnotations.WAIT) && timeout != null) {
        out.append(" (up to ").append(timeout).append(')');
      }
    });
    out.append('\n');
  }

  private static String note(Map<String, String> marker) {
    return marker == null ? "" : String.join(", ", marker.values());
  }

  private static long total(Map<String, String> byPlugin) {
    if (byPlugin == null) {
      return 0;
    }
    long total = 0;
    for (String score : byPlugin.values()) {
      try {
        total += Long.parseLong(score);
      } catch (NumberFormatException notAScore) {
        // a truncation note
      }
    }
    return total;
  }

  private static void table(List<String> header, List<List<String>> rows, StringBuilder out) {
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < row.size() - 1; i++) { // the last column is never padded
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        if (i == 0 || i == row.size() - 1) {
          line.append(cell).append(" ".repeat(Math.max(0, widths[i] - cell.length())));
        } else {
          line.append(" ".repeat(widths[i] - cell.length())).append(cell); // numbers align right
        }
        line.append("  ");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
