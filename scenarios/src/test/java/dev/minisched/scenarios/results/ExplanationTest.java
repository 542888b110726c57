package dev.minisched.scenarios.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplanationTest {

  @Test
  void tenNodesShowTheWinnerTheRunnersUpAndOneLinePerReason() {
    String table = Explanation.attempt("pod1, attempt 1", Attempts.scored(10));

    assertThat(table).startsWith("pod1, attempt 1: chose node9 — 10 nodes: 7 passed the filters, 3 rejected\n");
    assertThat(table.lines().skip(1).findFirst().orElseThrow())
        .matches(" +node +NodeUnschedulable +TaintToleration +NodeAffinity +NodeResourcesFit"
            + " +NodeResourcesBalancedAllocation +total");
    assertThat(table).containsPattern("node9 +ok +150 +50 +90 +50 +340 +← chosen")
        .containsPattern("node8 +ok +150 +50 +80 +50 +330\n")
        .containsPattern("\\+3 more passed +260\\.\\.280")
        .containsPattern("2 nodes +✗ .*node\\(s\\) were unschedulable")
        .containsPattern("node7 +ok +✗ .*node\\(s\\) had untolerated taint\\(s\\)");
    assertThat(table.lines()).hasSize(2 + 4 + 1 + 2);
  }

  @Test
  void fiveHundredNodesAreSummarisedNotDumped() {
    String table = Explanation.attempt("pod1, attempt 1", Attempts.scored(500));

    assertThat(table).startsWith("pod1, attempt 1: chose node499 — 500 nodes: 343 passed the filters, 157 rejected");
    assertThat(table).containsPattern("\\+339 more passed")
        .containsPattern("100 nodes +✗ .*node\\(s\\) were unschedulable")
        .containsPattern("57 nodes +ok +✗ .*untolerated taint");
    assertThat(table.lines()).hasSize(2 + 4 + 1 + 2);
    assertThat(table).doesNotContain("node3 ");
  }

  @Test
  void theHistoryGivesEveryAttemptAndAPendingPodShowsOnlyItsRejections() {
    Map<String, String> pending = new HashMap<>();
    pending.put(SimulatorAnnotations.FILTER, "{\"node0\":{\"NodeUnschedulable\":\"node(s) were unschedulable\"},"
        + "\"node1\":{\"NodeUnschedulable\":\"passed\",\"NodeResourcesFit\":\"Insufficient cpu\"}}");
    pending.put(SimulatorAnnotations.SELECTED_NODE, "");
    Map<String, String> pod = new HashMap<>(ResultPatch.annotations(null, pending));
    pod.putAll(ResultPatch.annotations(pod, Attempts.scored(10)));

    String explained = Explanation.of("pod1", pod);

    assertThat(explained).contains("pod1, attempt 1: no node chosen — 2 nodes: 0 passed the filters, 2 rejected")
        .containsPattern("node1 +ok +✗ +Insufficient cpu")
        .contains("pod1, attempt 2: chose node9");
    assertThat(Explanation.of("pod2", Map.of())).isEqualTo("pod2: no scheduling result recorded\n");
  }

  @Test
  void nodesThatPassedAfterTheSearchHadEnoughAreCountedApart() {
    Map<String, String> attempt = new HashMap<>(Attempts.scored(10));
    Map<String, Map<String, String>> filter = SimulatorAnnotations.nodeMap(attempt.get(SimulatorAnnotations.FILTER));
    filter.put("node10", Map.of("NodeUnschedulable", "passed"));
    filter.put("node11", Map.of("NodeUnschedulable", "passed"));
    attempt.put(SimulatorAnnotations.FILTER, SimulatorAnnotations.json(filter));

    String table = Explanation.attempt("pod1, attempt 1", attempt);

    assertThat(table).contains("12 nodes: 9 passed the filters, 3 rejected")
        .containsPattern("\\+3 more passed +260\\.\\.280")
        .containsPattern("\\+2 passed, not scored +the search had found enough feasible nodes");
  }

  @Test
  void aCutAnnotationSaysSoUnderTheTable() {
    Map<String, String> patch = ResultPatch.annotations(null, Attempts.scored(5000));

    String explained = Explanation.of("pod1", patch);

    assertThat(explained).contains("chose node4999").contains("(the annotations were cut to stay under 256 KiB: ")
        .doesNotContain("(truncated)");
  }
}
