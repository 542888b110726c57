package dev.minisched.scenarios.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultPatchTest {

  @Test
  void theJsonHasTheSimulatorsShapesWithStringsEverywhere() {
    Map<String, String> attempt = Attempts.scored(10);
    assertThat(attempt.get(SimulatorAnnotations.FILTER))
        .startsWith("{\"node9\":{\"NodeUnschedulable\":\"passed\",\"TaintToleration\":\"passed\"")
        .contains("\"node5\":{\"NodeUnschedulable\":\"node(s) were unschedulable\"}");
    assertThat(attempt.get(SimulatorAnnotations.FINAL_SCORE))
        .startsWith("{\"node9\":{\"TaintToleration\":\"150\",\"NodeAffinity\":\"50\",\"NodeResourcesFit\":\"90\"");
    assertThat(attempt.get(SimulatorAnnotations.SELECTED_NODE)).isEqualTo("node9");
    // Go's encoding/json leaves an apostrophe alone; Gson's default would write \u0027.
    assertThat(SimulatorAnnotations.json(Map.of("n", Map.of("NodeAffinity", "didn't match"))))
        .isEqualTo("{\"n\":{\"NodeAffinity\":\"didn't match\"}}");
  }

  @Test
  void theFirstAttemptStartsTheHistoryWithItsOwnAnnotations() {
    Map<String, String> attempt = Attempts.scored(10);
    Map<String, String> patch = ResultPatch.annotations(Map.of("owner", "me"), attempt);

    assertThat(patch).containsAllEntriesOf(attempt).doesNotContainKey("owner");
    assertThat(SimulatorAnnotations.history(patch.get(SimulatorAnnotations.RESULT_HISTORY)))
        .containsExactly(attempt);
  }

  @Test
  void laterAttemptsAreAppendedToTheHistory() {
    Map<String, String> first = Attempts.scored(10);
    Map<String, String> pod = new HashMap<>(ResultPatch.annotations(null, first));
    Map<String, String> second = Attempts.scored(20);

    Map<String, String> patch = ResultPatch.annotations(pod, second);

    assertThat(SimulatorAnnotations.history(patch.get(SimulatorAnnotations.RESULT_HISTORY)))
        .containsExactly(first, second);
    assertThat(patch.get(SimulatorAnnotations.SELECTED_NODE)).isEqualTo("node19");
  }

  @Test
  void aKeyTheLastAttemptWroteAndThisOneHasNotIsRemoved() {
    Map<String, String> failed = new HashMap<>(Attempts.scored(10));
    failed.put(SimulatorAnnotations.QUEUE, "backoffQ for 1 s (attempt 1, an error)");
    Map<String, String> pod = new HashMap<>(ResultPatch.annotations(Map.of("team", "blue"), failed));
    pod.put("team", "blue");

    Map<String, String> patch = ResultPatch.annotations(pod, Attempts.scored(10));

    assertThat(patch).containsEntry(SimulatorAnnotations.QUEUE, null).doesNotContainKey("team");
    assertThat(SimulatorAnnotations.annotationsPatch(Map.of(SimulatorAnnotations.QUEUE, "x")))
        .isEqualTo("{\"metadata\":{\"annotations\":{\"minisched.dev/queue-result\":\"x\"}}}");
    Map<String, String> removal = new HashMap<>();
    removal.put(SimulatorAnnotations.QUEUE, null);
    assertThat(SimulatorAnnotations.annotationsPatch(removal))
        .isEqualTo("{\"metadata\":{\"annotations\":{\"minisched.dev/queue-result\":null}}}");
  }

  @Test
  void fiveThousandNodesAreCutToTheLimitWithAMarkerAndTheChosenNodeKept() {
    Map<String, String> attempt = Attempts.scored(5000);
    assertThat(ResultPatch.size(attempt)).isGreaterThan(ResultPatch.ANNOTATIONS_LIMIT);
    Map<String, String> pod = Map.of("kubectl.kubernetes.io/last-applied-configuration", "x".repeat(20_000));

    Map<String, String> patch = ResultPatch.annotations(pod, attempt);

    Map<String, String> all = new HashMap<>(pod);
    all.putAll(patch);
    assertThat(ResultPatch.size(all)).isLessThan(ResultPatch.ANNOTATIONS_LIMIT);
    Map<String, Map<String, String>> filter = SimulatorAnnotations.nodeMap(patch.get(SimulatorAnnotations.FILTER));
    assertThat(filter).containsKey("node4999").containsKey(ResultPatch.TRUNCATED);
    assertThat(filter.get(ResultPatch.TRUNCATED).get("minisched")).matches("\\d+ of 5000 nodes left out: .*");
    assertThat(SimulatorAnnotations.nodeMap(patch.get(SimulatorAnnotations.FINAL_SCORE)))
        .containsKey("node4999").containsKey(ResultPatch.TRUNCATED);
    assertThat(patch.get(SimulatorAnnotations.SELECTED_NODE)).isEqualTo("node4999");
  }

  @Test
  void manyAttemptsDropTheOldestFromTheHistoryWithAMarker() {
    Map<String, String> pod = new HashMap<>();
    Map<String, String> last = null;
    for (int i = 0; i < 30; i++) {
      last = Attempts.scored(300 + i);
      pod.putAll(ResultPatch.annotations(pod, last));
      assertThat(ResultPatch.size(pod)).isLessThan(ResultPatch.ANNOTATIONS_LIMIT);
    }

    List<Map<String, String>> history = SimulatorAnnotations.history(pod.get(SimulatorAnnotations.RESULT_HISTORY));
    assertThat(history.get(0)).containsOnlyKeys(ResultPatch.TRUNCATED);
    assertThat(history.get(0).get(ResultPatch.TRUNCATED)).matches("\\d+ earlier attempt\\(s\\) left out: .*");
    assertThat(history.get(history.size() - 1)).isEqualTo(pod.entrySet().stream()
        .filter(e -> !e.getKey().equals(SimulatorAnnotations.RESULT_HISTORY))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertThat(last).isNotNull();
  }
}
