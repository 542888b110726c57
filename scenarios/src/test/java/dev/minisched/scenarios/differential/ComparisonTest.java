package dev.minisched.scenarios.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.differential.Comparison.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  /** Upstream's scores for two pods, as UpstreamScoresTest's log gives them. */
  private static final String LOG = UpstreamScoresTest.line("unique", "NodeResourcesFit", "n1", 90)
      + UpstreamScoresTest.line("unique", "NodeResourcesFit", "n2", 80)
      + UpstreamScoresTest.line("unique", "NodeResourcesBalancedAllocation", "n1", 100)
      + UpstreamScoresTest.line("unique", "NodeResourcesBalancedAllocation", "n2", 100)
      + UpstreamScoresTest.line("tie", "NodeResourcesFit", "n1", 80)
      + UpstreamScoresTest.line("tie", "NodeResourcesFit", "n2", 80)
      + UpstreamScoresTest.line("tie", "NodeResourcesFit", "n3", 70)
      + UpstreamScoresTest.line("tie", "NodeResourcesBalancedAllocation", "n1", 100)
      + UpstreamScoresTest.line("tie", "NodeResourcesBalancedAllocation", "n2", 100)
      + UpstreamScoresTest.line("tie", "NodeResourcesBalancedAllocation", "n3", 99);

  private static Decision bound(String pod, String node) {
    return new Decision(pod, Optional.of(node), Optional.empty(), Optional.of(node));
  }

  private static Decision pending(String pod, String message) {
    return new Decision(pod, Optional.empty(), Optional.of(message), Optional.empty());
  }

  private static Comparison compare(List<Decision> upstream, List<Decision> stage) {
    return Comparison.of("test", new Trial.Result("upstream", upstream, Optional.of(LOG)),
        new Trial.Result("stage", stage, Optional.empty()));
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
  void pendingPodsCompareTheirMessagesWordForWord() {
    String message = "0/2 nodes are available: 2 node(s) had untolerated taint(s).";
    Comparison same = compare(List.of(pending("p", message)), List.of(pending("p", message)));
    Comparison other = compare(List.of(pending("p", message)),
        List.of(pending("p", "0/2 nodes are available: 2 node(s) had untolerated taint {a: b}.")));
    Comparison bound = compare(List.of(pending("p", message)), List.of(bound("p", "n1")));

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
