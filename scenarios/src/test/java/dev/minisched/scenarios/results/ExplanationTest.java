package dev.minisched.scenarios.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplanationTest {

  @Test
  void tenNodesShowTheWinnerTheRunnersUpAndOneLinePerReason() {
    String table = Explanation.attempt("pod1, attempt 1", Attempts.scored(10));

    assertThat(table).startsWith("pod1, attempt 1: chose node9 — 10 nodes: 7 passed the filters, 3 rejected\n");
    assertThat(table.lines().skip(1).findFirst().orElseThrow())
        .matches(" +score +node9 \\(chosen\\) +node8 +node6 +node4 +\\+3 more");
    assertThat(table).containsPattern("\n  TaintToleration +150 +150 +150 +150\n")
        .containsPattern("\n  NodeResourcesFit +90 +80 +60 +40\n")
        .containsPattern("\n  total +340 +330 +310 +290 +260\\.\\.280\n")
        .containsPattern("\n  rejected +by +why\n")
        .containsPattern("\n  2 nodes +NodeUnschedulable +node\\(s\\) were unschedulable\n")
        .containsPattern("\n  node7 +TaintToleration +node\\(s\\) had untolerated taint\\(s\\)\n");
    assertThat(table.lines()).hasSize(1 + 1 + 4 + 1 + 1 + 2);
  }

  @Test
  void fiveHundredNodesAreSummarisedNotDumped() {
    String table = Explanation.attempt("pod1, attempt 1", Attempts.scored(500));

    assertThat(table).startsWith("pod1, attempt 1: chose node499 — 500 nodes: 343 passed the filters, 157 rejected");
    assertThat(table).containsPattern("\\+339 more")
        .containsPattern("100 nodes +NodeUnschedulable +node\\(s\\) were unschedulable")
        .containsPattern("57 nodes +TaintToleration +node\\(s\\) had untolerated taint");
    assertThat(table.lines()).hasSize(1 + 1 + 4 + 1 + 1 + 2);
    assertThat(table).doesNotContain("node3 ");
  }

  /** However many plugins and however long the nodes' names, the table fits a 120-column terminal. */
  @Test
  void everyLineFits120Columns() {
    Map<String, String> attempt = new HashMap<>(Attempts.scored(10));
    String scored = attempt.get(SimulatorAnnotations.FINAL_SCORE);
    String filter = attempt.get(SimulatorAnnotations.FILTER);
    for (int i = 0; i < 10; i++) { // node names as long as a cloud's
      scored = scored.replace("\"node" + i + "\"", "\"ip-10-0-1-" + i + ".eu-west-1.compute.internal\"");
      filter = filter.replace("\"node" + i + "\"", "\"ip-10-0-1-" + i + ".eu-west-1.compute.internal\"");
    }
    attempt.put(SimulatorAnnotations.FINAL_SCORE, scored);
    attempt.put(SimulatorAnnotations.FILTER, filter);
    attempt.put(SimulatorAnnotations.SELECTED_NODE, "ip-10-0-1-9.eu-west-1.compute.internal");
    attempt.put(SimulatorAnnotations.PERMIT, "{\"Coscheduling\":\"rejected due to timeout after waiting 10s at plugin "
        + "Coscheduling\",\"NodeNumber\":\"success\",\"Another\":\"a reason long enough to need a second line of its "
        + "own, which the table wraps under its column rather than run past the edge\"}");

    String table = Explanation.attempt("pod1, attempt 1", attempt);

    assertThat(table.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
    assertThat(table).contains("ip-10-0-1-9.eu-west-1.compute.internal (chosen)");
  }

  /** A permit result is a sentence: the next plugin's name must not run into it. */
  @Test
  void pluginResultsAreSeparatedOnePluginFromTheNext() {
    Map<String, String> attempt = new HashMap<>(Attempts.scored(3));
    attempt.put(SimulatorAnnotations.PERMIT, "{\"Coscheduling\":\"rejected due to timeout after waiting 10s at plugin "
        + "Coscheduling\",\"NodeNumber\":\"success\"}");

    assertThat(Explanation.attempt("pod1, attempt 1", attempt)).contains("  permit: Coscheduling: rejected due to timeout "
        + "after waiting 10s at plugin Coscheduling; NodeNumber: success\n");
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
        .containsPattern("node1 +NodeResourcesFit +Insufficient cpu")
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
        .containsPattern("\\+3 more")
        .containsPattern("total +340 +330 +310 +290 +260\\.\\.280")
        .contains("  +2 passed, not scored: the search had found enough feasible nodes");
  }

  /** Stage 1 has no plugins, so nothing records what plugins said: one line says that, not "no result" per pod. */
  @Test
  void onAStageWithoutPluginsOneLineSaysWhyThereIsNothingToExplain() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Explanation.report(Settings.with(Map.of("explain", "pod1,pod2")), null, "default", List.of("pod1", "pod2"),
        "stage1-random", new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("[minisched] -Dminisched.explain: stage1-random has "
        + "no plugins, so there is nothing to explain: a node at random; plugins, and their results, begin in "
        + "stage2-filter\n");
  }

  @Test
  void aCutAnnotationSaysSoUnderTheTable() {
    Map<String, String> patch = ResultPatch.annotations(null, Attempts.scored(5000));

    String explained = Explanation.of("pod1", patch);

    assertThat(explained).contains("chose node4999").contains("(the annotations were cut to stay under 256 KiB: ")
        .doesNotContain("(truncated)");
  }
}
