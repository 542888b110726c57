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
 * per attempt a score table, whose rows are the score plugins and whose columns are nodes (the
 * chosen one, the runners-up, the range of the other nodes that passed), each cell the plugin's
 * final score (normalized times weight); then one line per rejection reason: the nodes it
 * rejected (named when one, counted when more), the filter plugin that rejected them, and why.
 * The tables have the same few rows and columns at 10 nodes and at 5000, and fit 120 columns.
 */
public final class Explanation {
  static final int RUNNERS_UP = 3;
  static final int REASON_ROWS = 8;
  /** The widest line a table may print: a terminal's 120 columns. */
  static final int WIDTH = 120;

  static final String KEY = "explain";

  private Explanation() {}

  /**
   * For {@code -Dminisched.explain=POD[,POD...]} or {@code all}: reads the named pods of the run
   * (every one of {@code pods} for all) and prints their explanations. Prints nothing when the
   * setting is absent, and one line instead when results do not go to annotations.
   */
  public static void report(Settings settings, CoreV1Api api, String namespace, List<String> pods, PrintStream out) {
    report(settings, api, namespace, pods, null, out);
  }

  /**
   * As above, for a stage: {@code withoutPlugins}, if not null, is the module of a stage that has
   * no plugins (stage 1), which records nothing: one line says so, not one "no result" per pod.
   */
  public static void report(Settings settings, CoreV1Api api, String namespace, List<String> pods,
      String withoutPlugins, PrintStream out) {
    String wanted = settings.get(KEY).orElse(null);
    if (wanted == null) {
      return;
    }
    if (withoutPlugins != null) {
      out.println("[minisched] -D" + Settings.property(KEY) + ": " + withoutPlugins + " has no plugins, so there is "
          + "nothing to explain: a node at random; plugins, and their results, begin in stage2-filter");
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
    out.append(wrap(title + ": " + outcome(selected, attempt) + " — " + nodes.size()
        + (nodes.size() == 1 ? " node: " : " nodes: ") + passed.size() + " passed the filters, "
        + (nodes.size() - passed.size()) + " rejected", "  "));

    if (!scores.isEmpty()) {
      scoreTable(selected, passed, scores, out);
    } else if (!passed.isEmpty()) {
      // No score phase: a stage without score plugins, or one feasible node (upstream scores none then).
      List<String> named = passed.stream().sorted(Comparator.comparing((String n) -> !n.equals(selected)))
          .limit(RUNNERS_UP + 1).toList(); // the chosen one first
      out.append(wrap("  passed the filters: " + String.join(", ", named)
          + (passed.size() > named.size() ? " and " + (passed.size() - named.size()) + " more" : ""), "    "));
    }
    // With many nodes the filter phase stops once it has found enough feasible nodes
    // (percentageOfNodesToScore), and a node a worker passed after that is not scored.
    long unscored = scores.isEmpty() ? 0 : passed.stream().filter(n -> !scores.containsKey(n)).count();
    if (unscored > 0) {
      out.append(wrap("  +" + unscored + " passed, not scored: the search had found enough feasible nodes "
          + "(percentageOfNodesToScore)", "    "));
    }
    rejectionTable(rejections, firstNode, out);
    if (!truncated.isEmpty() || !scoresTruncated.isEmpty()) {
      out.append(wrap("  (the annotations were cut to stay under 256 KiB: "
          + (truncated.isEmpty() ? scoresTruncated : truncated) + ")", "    "));
    }
    extra(attempt, SimulatorAnnotations.PRESCORE, "prescore", out);
    extra(attempt, SimulatorAnnotations.RESERVE, "reserve", out);
    extra(attempt, SimulatorAnnotations.PERMIT, "permit", out);
    if (attempt.containsKey(SimulatorAnnotations.QUEUE)) {
      out.append(wrap("  queue: " + attempt.get(SimulatorAnnotations.QUEUE), "    "));
    }
    return out.toString();
  }

  /** The plugin that rejected a node, and why. */
  private record Rejection(String plugin, String reason) {}

  /** The first plugin that did not pass the node (the filter phase stops there), or null. */
  private static Rejection rejection(Map<String, String> byPlugin) {
    for (Map.Entry<String, String> e : byPlugin.entrySet()) {
      if (!SimulatorAnnotations.PASSED.equals(e.getValue())) {
        return new Rejection(e.getKey(), e.getValue());
      }
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
    // "plugin: result; plugin: result": a result may be a sentence, so a space alone would run the
    // next plugin's name into it.
    List<String> each = new ArrayList<>();
    results.forEach((plugin, result) -> {
      String timeout = timeouts.get(plugin);
      each.add(plugin + ": " + result
          + (result.equals(SimulatorAnnotations.WAIT) && timeout != null ? " (up to " + timeout + ")" : ""));
    });
    out.append(wrap("  " + label + ": " + String.join("; ", each), "    "));
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

  /**
   * The score phase, one column per node (the chosen one, then the runners-up, then the range of
   * the rest's totals) and one row per score plugin, its final score (normalized × weight), then
   * the totals. Plugins are rows, not columns, so the table is as wide with seven plugins as with
   * two; runner-up columns are dropped until it fits {@link #WIDTH}.
   */
  private static void scoreTable(String selected, List<String> passed, Map<String, Map<String, String>> scores,
      StringBuilder out) {
    List<String> scored = passed.stream().filter(scores::containsKey).toList(); // best first
    Set<String> plugins = new LinkedHashSet<>();
    scored.forEach(n -> plugins.addAll(scores.get(n).keySet()));
    List<String> shown = new ArrayList<>();
    if (scored.contains(selected)) {
      shown.add(selected);
    }
    scored.stream().filter(n -> !n.equals(selected)).limit(RUNNERS_UP).forEach(shown::add);
    for (int columns = shown.size(); ; columns--) {
      List<String> nodes = shown.subList(0, columns);
      List<String> rest = scored.stream().filter(n -> !nodes.contains(n)).toList();
      List<List<String>> rows = new ArrayList<>();
      List<String> header = new ArrayList<>(List.of("score"));
      nodes.forEach(n -> header.add(n.equals(selected) ? n + " (chosen)" : n));
      if (!rest.isEmpty()) {
        header.add("+" + rest.size() + " more");
      }
      rows.add(header);
      for (String plugin : plugins) {
        List<String> row = new ArrayList<>(List.of(plugin));
        nodes.forEach(n -> row.add(scores.get(n).getOrDefault(plugin, "")));
        if (!rest.isEmpty()) {
          row.add("");
        }
        rows.add(row);
      }
      List<String> totals = new ArrayList<>(List.of("total"));
      nodes.forEach(n -> totals.add(Long.toString(total(scores.get(n)))));
      if (!rest.isEmpty()) {
        long low = total(scores.get(rest.get(rest.size() - 1)));
        long high = total(scores.get(rest.get(0)));
        totals.add(low == high ? Long.toString(low) : low + ".." + high);
      }
      rows.add(totals);
      List<String> lines = table(rows);
      if (columns <= 1 || lines.stream().allMatch(l -> l.length() <= WIDTH)) {
        lines.forEach(l -> out.append(l).append('\n'));
        return;
      }
    }
  }

  /**
   * One row per rejection reason: the node it rejected (named when one, counted when more), the
   * plugin that rejected, and why, in upstream's words; the most frequent first, at most
   * {@link #REASON_ROWS}. A long reason wraps under its column.
   */
  private static void rejectionTable(Map<Rejection, Integer> rejections, Map<Rejection, String> firstNode,
      StringBuilder out) {
    if (rejections.isEmpty()) {
      return;
    }
    List<Map.Entry<Rejection, Integer>> byCount = new ArrayList<>(rejections.entrySet());
    byCount.sort(Map.Entry.<Rejection, Integer>comparingByValue().reversed()
        .thenComparing(e -> e.getKey().reason()));
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("rejected", "by", "why"));
    int otherNodes = 0;
    for (int i = 0; i < byCount.size(); i++) {
      Map.Entry<Rejection, Integer> e = byCount.get(i);
      if (i >= REASON_ROWS) {
        otherNodes += e.getValue();
        continue;
      }
      rows.add(List.of(e.getValue() == 1 ? firstNode.get(e.getKey()) : e.getValue() + " nodes",
          e.getKey().plugin(), e.getKey().reason()));
    }
    if (otherNodes > 0) {
      rows.add(List.of(otherNodes + (otherNodes == 1 ? " node" : " nodes"), "",
          "rejected for " + (byCount.size() - REASON_ROWS) + " other reasons"));
    }
    int[] widths = widths(rows);
    String indent = " ".repeat(2 + widths[0] + 2 + widths[1] + 2);
    for (List<String> row : rows) {
      String head = "  " + pad(row.get(0), widths[0]) + "  " + pad(row.get(1), widths[1]) + "  ";
      out.append(wrap(head + row.get(2), indent));
    }
  }

  /**
   * The rows as lines: the first column left-aligned, the others right-aligned (numbers), two
   * spaces apart, indented by two.
   */
  private static List<String> table(List<List<String>> rows) {
    int[] widths = widths(rows);
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder("  ").append(pad(row.get(0), widths[0]));
      for (int i = 1; i < row.size(); i++) {
        line.append("  ").append(" ".repeat(widths[i] - row.get(i).length())).append(row.get(i));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  private static int[] widths(List<List<String>> rows) {
    int[] widths = new int[rows.stream().mapToInt(List::size).max().orElse(0)];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    return widths;
  }

  private static String pad(String cell, int width) {
    return cell + " ".repeat(Math.max(0, width - cell.length()));
  }

  /**
   * The line, broken at spaces into lines of at most {@link #WIDTH} characters, each one after the
   * first starting with {@code indent}; a word longer than the room stays whole.
   */
  static String wrap(String line, String indent) {
    StringBuilder out = new StringBuilder();
    String rest = line;
    while (rest.length() > WIDTH) {
      int cut = rest.lastIndexOf(' ', WIDTH);
      if (cut <= indent.length()) {
        cut = rest.indexOf(' ', WIDTH);
        if (cut < 0) {
          break;
        }
      }
      out.append(rest, 0, cut).append('\n');
      rest = indent + rest.substring(cut + 1);
    }
    return out.append(rest).append('\n').toString();
  }
}
