package dev.minisched.scenarios.differential;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Upstream's decisions next to the stage's, pod by pod, with a verdict each:
 * <ul>
 *   <li>both pending: the messages must be equal once upstream's is in v1.34's words
 *       ({@link UpstreamDifferences#toV134});
 *   <li>both bound: where upstream's best node was unique (by its own scores, {@link UpstreamScores};
 *       a pod it did not score had one feasible node), the nodes must be equal; where upstream had
 *       a tie, the stage's node must be one of the tied ones — and since the two clusters then
 *       differ for every later pod, a tie decided differently fails the run as a workload defect;
 *   <li>one bound and the other not, or a pod that changed after its decision, is a mismatch.
 * </ul>
 * When the profile has NodeResourcesBalancedAllocation, every pod's balanced scores in upstream's
 * log must be the same on every node ({@link UpstreamDifferences#BALANCED_ALLOCATION_FORMULA}).
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
   */
  public record Row(String pod, Decision upstream, Optional<String> upstreamMessageV134, Decision stage,
      Set<String> upstreamBest, Verdict verdict) {}

  static Comparison of(String workload, Profile profile, Trial.Result upstream, Trial.Result stage) {
    UpstreamScores scores = UpstreamScores.parse(upstream.upstreamLog().orElse(""));
    List<Row> rows = new ArrayList<>();
    List<String> defects = new ArrayList<>();
    for (int i = 0; i < upstream.decisions().size(); i++) {
      Decision u = upstream.decisions().get(i);
      Decision s = stage.decisions().get(i);
      Optional<String> mapped = u.message().map(UpstreamDifferences::toV134);
      if (stage.upstreamLog().isPresent()) {
        // upstream against itself: both sides speak v1.20
        s = new Decision(s.pod(), s.node(), s.message().map(UpstreamDifferences::toV134), s.finalNode());
      }
      Set<String> best = scores.totals(u.pod()).map(Comparison::best).orElse(Set.of());
      Verdict verdict = verdict(u, mapped, s, best);
      rows.add(new Row(u.pod(), u, mapped, s, best, verdict));
      if (verdict == Verdict.TIE_OTHER_NODE) {
        defects.add(u.pod() + ": upstream's best nodes tie " + best + " and the two chose differently, so every "
            + "later pod was decided on different clusters; make the workload decisive here");
      }
      if (profile.scores().containsKey("NodeResourcesBalancedAllocation")) {
        scores.of(u.pod()).map(p -> p.get(UpstreamDifferences.v120ScoreName("NodeResourcesBalancedAllocation")))
            .filter(byNode -> byNode.values().stream().distinct().count() > 1)
            .ifPresent(byNode -> defects.add(u.pod() + ": upstream's NodeResourcesBalancedAllocation scores differ "
                + "across nodes " + byNode + "; v1.20's formula is not v1.34's (UpstreamDifferences."
                + "BALANCED_ALLOCATION_FORMULA), so keep every schedulable pod's requests in the nodes' ratio"));
      }
    }
    return new Comparison(workload, upstream.scheduler(), stage.scheduler(), List.copyOf(rows), List.copyOf(defects));
  }

  private static Set<String> best(Map<String, Long> totals) {
    long max = totals.values().stream().mapToLong(Long::longValue).max().orElse(0);
    return totals.entrySet().stream().filter(e -> e.getValue() == max).map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Verdict verdict(Decision u, Optional<String> mapped, Decision s, Set<String> best) {
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
      return mapped.equals(s.message()) ? Verdict.SAME_MESSAGE : Verdict.DIFFERENT_MESSAGE;
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

  /** The table: pod, upstream (node or message in v1.34's words), the stage, verdict. */
  public void print(PrintStream out) {
    out.printf("%n=== differential: %s — %s vs %s ===%n", workload, upstream, stage);
    int podWidth = Math.max(3, rows.stream().mapToInt(r -> r.pod().length()).max().orElse(3));
    String format = "%-" + podWidth + "s | %-16s | %s%n";
    for (Row r : rows) {
      String upstreamSide = r.upstream().node().map(n -> "→ " + n
              + (r.upstreamBest().size() > 1 ? " (tie " + r.upstreamBest() + ")" : r.upstreamBest().isEmpty() ? " (not scored)" : ""))
          .orElseGet(() -> r.upstreamMessageV134().map(m -> "pending: " + m).orElse(r.upstream().describe()));
      out.printf(format, r.pod(), r.verdict(), "upstream: " + upstreamSide);
      out.printf(format, "", "", "stage:    " + r.stage().describe());
      r.upstream().message().filter(m -> !m.equals(r.upstreamMessageV134().orElse(m)))
          .ifPresent(m -> out.printf(format, "", "", "(v1.20 said: " + m + ")"));
    }
    out.printf("%d pods: %d bound to the same node (%d of them at a tie), %d pending with the same message, %d disagree%n",
        rows.size(), count(Verdict.SAME_NODE) + count(Verdict.TIE_SAME_NODE), count(Verdict.TIE_SAME_NODE),
        count(Verdict.SAME_MESSAGE), disagreements().size());
    workloadDefects.forEach(d -> out.println("WORKLOAD DEFECT: " + d));
  }
}
