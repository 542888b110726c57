package dev.minisched.scenarios;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The end-of-run table: where each pod went, after how many attempts, how fast, or why not. */
final class Report {
  private Report() {}

  /**
   * Prints the report with one call, so that no line of the scheduler's log, which goes to the
   * same stream (simplelogger.properties), can land inside the table.
   */
  static void print(RunResult result, Instant start, PrintStream out) {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    write(result, start, new PrintStream(report, false, StandardCharsets.UTF_8));
    out.print(report.toString(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void write(RunResult result, Instant start, PrintStream out) {
    out.printf("%n== minisched report: scenario %s on %s ==%n", result.scenario(), result.stage());
    // Columns as wide as their longest entry; WHY PENDING comes last and is never cut, since it
    // is the scheduler's whole message (upstream's FitError lists every reason).
    int podWidth = Math.max(12, result.pods().stream().mapToInt(p -> p.name().length()).max().orElse(0));
    int nodeWidth = Math.max(10, result.pods().stream().filter(PodOutcome::isBound)
        .mapToInt(p -> p.node().length()).max().orElse(0));
    String row = "%-" + podWidth + "s %-" + nodeWidth + "s %8s %14s  %s%n";
    out.printf(row, "POD", "NODE", "ATTEMPTS", "CREATED→BOUND", "WHY PENDING");
    Map<String, Integer> perNode = new TreeMap<>();
    for (PodOutcome pod : result.pods()) {
      Duration toBind = pod.timeToBind();
      out.printf(row,
          pod.name(),
          pod.isBound() ? pod.node() : "-",
          pod.attempts(),
          toBind == null ? "-" : String.format("%.3f s", toBind.toMillis() / 1000.0),
          pod.isBound() ? "" : pod.pendingReason());
      if (pod.isBound()) {
        perNode.merge(pod.node(), 1, Integer::sum);
      }
    }
    if (!perNode.isEmpty()) {
      StringBuilder spread = new StringBuilder("pods per node:");
      perNode.forEach((node, count) -> spread.append(' ').append(node).append('=').append(count));
      out.println(spread);
    }
    if (!result.marks().isEmpty()) {
      out.println("timeline:");
      result.marks().forEach((label, at) -> out.printf("  +%7.3f s  %s%n",
          Duration.between(start, at).toMillis() / 1000.0, label));
    }
    out.println();
  }
}
