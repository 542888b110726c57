package dev.minisched.scenarios.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.differential.Comparison.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static final Profile PROFILE = Profile.of(List.of("NodeUnschedulable"))
      .score("NodeResourcesFit", 1).score("NodeResourcesBalancedAllocation", 1);

  /** The lines v1.20 logs with --vmodule=generic_scheduler=10 (prefix as klog writes it). */
  private static final String LOG = String.join("\n",
      "I1201 19:10:00.000001   4242 generic_scheduler.go:504] Plugin NodeResourcesLeastAllocated scores on default/unique => [{n1 90} {n2 80}]",
      "I1201 19:10:00.000002   4242 generic_scheduler.go:504] Plugin NodeResourcesBalancedAllocation scores on default/unique => [{n1 100} {n2 100}]",
      "I1201 19:10:00.000003   4242 generic_scheduler.go:504] Plugin NodeResourcesLeastAllocated scores on default/tie => [{n1 80} {n2 80} {n3 70}]",
      "I1201 19:10:00.000004   4242 generic_scheduler.go:504] Plugin NodeResourcesBalancedAllocation scores on default/tie => [{n1 100} {n2 100} {n3 99}]",
      "I1201 19:10:00.000005   4242 generic_scheduler.go:560] Host n1 => Score 180");

  private static Decision bound(String pod, String node) {
    return new Decision(pod, Optional.of(node), Optional.empty(), Optional.of(node));
  }

  private static Decision pending(String pod, String message) {
    return new Decision(pod, Optional.empty(), Optional.of(message), Optional.empty());
  }

  private static Comparison compare(List<Decision> upstream, List<Decision> stage) {
    return Comparison.of("test", PROFILE, new Trial.Result("upstream", upstream, Optional.of(LOG)),
        new Trial.Result("stage", stage, Optional.empty()));
  }

  @Test
  void upstreamScoresAreSummedPerNodeFromItsLog() {
    UpstreamScores scores = UpstreamScores.parse(LOG);

    assertThat(scores.totals("unique")).contains(Map.of("n1", 190L, "n2", 180L));
    assertThat(scores.totals("tie")).contains(Map.of("n1", 180L, "n2", 180L, "n3", 169L));
    assertThat(scores.totals("never-scored")).isEmpty();
  }

  @Test
  void aUniqueBestNodeMustBeChosenByBoth() {
    Comparison same = compare(List.of(bound("unique", "n1")), List.of(bound("unique", "n1")));
    Comparison other = compare(List.of(bound("unique", "n1")), List.of(bound("unique", "n2")));

    assertThat(same.rows()).extracting(Comparison.Row::verdict).containsExactly(Verdict.SAME_NODE);
    assertThat(other.rows()).extracting(Comparison.Row::verdict).containsExactly(Verdict.DIFFERENT_NODE);
    assertThat(other.disagreements()).hasSize(1);
  }

  @Test
  void aTieDecidedDifferentlyIsAWorkloadDefectAndANodeOutsideTheTieAMismatch() {
    Comparison otherTied = compare(List.of(bound("tie", "n1")), List.of(bound("tie", "n2")));
    Comparison outside = compare(List.of(bound("tie", "n1")), List.of(bound("tie", "n3")));

    assertThat(otherTied.rows()).extracting(Comparison.Row::verdict).containsExactly(Verdict.TIE_OTHER_NODE);
    assertThat(otherTied.workloadDefects()).anySatisfy(d -> assertThat(d).contains("tie [n1, n2]"));
    assertThat(outside.rows()).extracting(Comparison.Row::verdict).containsExactly(Verdict.DIFFERENT_NODE);
  }

  @Test
  void balancedScoresThatDifferAcrossNodesAreAWorkloadDefect() {
    Comparison c = compare(List.of(bound("tie", "n1")), List.of(bound("tie", "n1")));

    assertThat(c.workloadDefects()).singleElement().asString().contains("NodeResourcesBalancedAllocation");
  }

  @Test
  void pendingPodsCompareTheirMessagesInV134Words() {
    String v120 = "0/2 nodes are available: 2 node(s) had taint {a: b}, that the pod didn't tolerate.";
    Comparison same = compare(List.of(pending("p", v120)),
        List.of(pending("p", "0/2 nodes are available: 2 node(s) had untolerated taint {a: b}.")));
    Comparison other = compare(List.of(pending("p", v120)), List.of(pending("p", v120)));
    Comparison bound = compare(List.of(pending("p", v120)), List.of(bound("p", "n1")));

    assertThat(same.rows()).extracting(Comparison.Row::verdict).containsExactly(Verdict.SAME_MESSAGE);
    assertThat(other.rows()).extracting(Comparison.Row::verdict).containsExactly(Verdict.DIFFERENT_MESSAGE);
    assertThat(bound.rows()).extracting(Comparison.Row::verdict).containsExactly(Verdict.BOUND_VS_PENDING);
  }

  @Test
  void aPodThatMovedAfterItsDecisionOrWasNeverDecidedDisagrees() {
    Decision movedLater = new Decision("p", Optional.empty(), Optional.of("0/1 nodes are available: x."), Optional.of("n1"));
    Decision undecided = new Decision("p", Optional.empty(), Optional.empty(), Optional.empty());

    assertThat(compare(List.of(movedLater), List.of(movedLater)).rows()).extracting(Comparison.Row::verdict)
        .containsExactly(Verdict.MOVED_LATER);
    assertThat(compare(List.of(undecided), List.of(bound("p", "n1"))).rows()).extracting(Comparison.Row::verdict)
        .containsExactly(Verdict.UNDECIDED);
  }
}
