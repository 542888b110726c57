package dev.minisched.scenarios.differential;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upstream's decisions next to the stage's, pod by pod, with a verdict each:
 * <ul>
 *   <li>both pending: the FailedScheduling messages must be equal, word for word;
 *   <li>both bound: where upstream's best node was unique (by its own scores, {@link UpstreamScores};
 *       a pod it did not score had one feasible node), the nodes must be equal; where upstream had
 *       a tie, the stage's node must be one of the tied ones — and since the two clusters then
 *       differ for every later pod, a tie decided differently fails the run as a workload defect;
 *   <li>one bound and the other not, or a pod that changed after its decision, is a mismatch.
 * </ul>
 * Both ran the same release's plugins from the same file, so nothing is translated: a difference
 * is the stage's to fix, or an omission the README names.
 */
public record Comparison(String workload, String upstream, String stage, List<Row> rows, List<String> workloadDefects) {

  public enum Verdict {
    SAME_MESSAGE(true), SAME_NODE(true), TIE_SAME_NODE(true), TIE_OTHER_NODE(false),
    DIFFERENT_MESSAGE(false), DIFFERENT_NODE(false), BOUND_VS_PENDING(false), UNDECIDED(false), MOVED_LATER(false);

    private final boolean agrees;

    Verdict(boolean agrees) {
      this.agrees = agrees;
    }

    public boolean agrees() {
      return agrees;
    }
  }

  /**
   * One pod.
   *
   * @param upstreamBest upstream's highest-scoring nodes (one when unique; empty when it did not score)
   * @param upstreamTotals upstream's total score of each node it scored for the pod (empty when it did not score)
   * @param decidedBy the score plugins without which upstream's best node would not have been this
   *     one ({@link UpstreamScores#decidedBy})
   */
  public record Row(String pod, Decision upstream, Decision stage, Set<String> upstreamBest,
      Map<String, Long> upstreamTotals, Set<String> decidedBy, Verdict verdict) {}

  static Comparison of(String workload, Trial.Result upstream, Trial.Result stage) {
    UpstreamScores scores = UpstreamScores.parse(upstream.upstreamLog().orElse(""));
    List<Row> rows = new ArrayList<>();
    List<String> defects = new ArrayList<>();
    for (int i = 0; i < upstream.decisions().size(); i++) {
      Decision u = upstream.decisions().get(i);
      Decision s = stage.decisions().get(i);
      Map<String, Long> totals = scores.totals(u.pod()).orElse(Map.of());
      Set<String> best = totals.isEmpty() ? Set.of() : UpstreamScores.best(totals);
      Verdict verdict = verdict(u, s, best);
      rows.add(new Row(u.pod(), u, s, best, totals, scores.decidedBy(u.pod()), verdict));
      if (verdict == Verdict.TIE_OTHER_NODE) {
        defects.add(u.pod() + ": upstream's best nodes tie " + best + " and the two chose differently, so every "
            + "later pod was decided on different clusters; make the workload decisive here");
      }
    }
    return new Comparison(workload, upstream.scheduler(), stage.scheduler(), List.copyOf(rows), List.copyOf(defects));
  }

  private static Verdict verdict(Decision u, Decision s, Set<String> best) {
    if (u.node().isEmpty() && u.message().isEmpty() || s.node().isEmpty() && s.message().isEmpty()) {
      return Verdict.UNDECIDED;
    }
    if (!u.finalNode().equals(u.node()) || !s.finalNode().equals(s.node())) {
      return Verdict.MOVED_LATER;
    }
    if (u.node().isPresent() != s.node().isPresent()) {
      return Verdict.BOUND_VS_PENDING;
    }
    if (u.node().isEmpty()) {
      return u.message().equals(s.message()) ? Verdict.SAME_MESSAGE : Verdict.DIFFERENT_MESSAGE;
    }
    if (best.size() > 1) {
      if (u.node().equals(s.node())) {
        return Verdict.TIE_SAME_NODE;
      }
      return best.contains(s.node().get()) ? Verdict.TIE_OTHER_NODE : Verdict.DIFFERENT_NODE;
    }
    return u.node().equals(s.node()) ? Verdict.SAME_NODE : Verdict.DIFFERENT_NODE;
  }

  /** The rows that disagree. */
  public List<Row> disagreements() {
    return rows.stream().filter(r -> !r.verdict().agrees()).toList();
  }

  public long count(Verdict verdict) {
    return rows.stream().filter(r -> r.verdict() == verdict).count();
  }

  /** The pods whose node upstream's scores of {@code plugin} decided ({@link Row#decidedBy}). */
  public List<String> decidedBy(String plugin) {
    return rows.stream().filter(r -> r.decidedBy().contains(plugin)).map(Row::pod).toList();
  }

  /**
   * How upstream's scores chose: "(tie [a, b])", "(not scored: one feasible node)", or the best
   * total, the runner-up, and the plugins that decided it: "(531, next n18-c 529; decided by
   * NodeResourcesBalancedAllocation)".
   */
  private static String scoring(Row r) {
    if (r.upstreamBest().size() > 1) {
      return "(tie " + r.upstreamBest() + ")";
    }
    if (r.upstreamTotals().isEmpty()) {
      return "(not scored: one feasible node)";
    }
    String best = r.upstreamBest().iterator().next();
    String next = r.upstreamTotals().entrySet().stream().filter(e -> !e.getKey().equals(best))
        .max(Map.Entry.comparingByValue()).map(e -> ", next " + e.getKey() + " " + e.getValue()).orElse("");
    return "(" + r.upstreamTotals().get(best) + next
        + (r.decidedBy().isEmpty() ? "" : "; decided by " + String.join(", ", r.decidedBy())) + ")";
  }

  /** The table: pod, upstream (node, or pending with its message), the stage, verdict. */
  public void print(PrintStream out) {
    out.printf("%n=== differential: %s — %s vs %s ===%n", workload, upstream, stage);
    int podWidth = Math.max(3, rows.stream().mapToInt(r -> r.pod().length()).max().orElse(3));
    String format = "%-" + podWidth + "s | %-16s | %s%n";
    for (Row r : rows) {
      String upstreamSide = r.upstream().node().map(n -> "→ " + n + " " + scoring(r))
          .orElseGet(() -> r.upstream().describe());
      out.printf(format, r.pod(), r.verdict(), "upstream: " + upstreamSide);
      out.printf(format, "", "", "stage:    " + r.stage().describe());
    }
    out.printf("%d pods: %d bound to the same node (%d of them at a tie), %d pending with the same message, %d disagree%n",
        rows.size(), count(Verdict.SAME_NODE) + count(Verdict.TIE_SAME_NODE), count(Verdict.TIE_SAME_NODE),
        count(Verdict.SAME_MESSAGE), disagreements().size());
    workloadDefects.forEach(d -> out.println("WORKLOAD DEFECT: " + d));
  }
}
