package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.Scenario;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.catalog.FilterReasons;
import dev.minisched.scenarios.results.Explanation;
import dev.minisched.scenarios.results.SimulatorAnnotations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Stage 2 on a real API server: every attempt leaves kube-scheduler-simulator's annotations on
 * its pod, and they agree with what the scheduler did: the node it bound, and the reasons of the
 * FailedScheduling message, node by node.
 */
class ResultAnnotationsIT {

  @Test
  void theFilterResultsOnThePodsAgreeWithTheBindingsAndTheFailedSchedulingMessage() {
    Map<String, Map<String, String>> annotations = new HashMap<>();
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "stage2-result-annotations";
      }

      @Override
      public String description() {
        return "filter-reasons, then the pods' annotations";
      }

      @Override
      public void run(Cluster cluster) {
        new FilterReasons().run(cluster);
        for (String pod : new String[] {"web1", "web2", FilterReasons.PENDING_POD, FilterReasons.TOLERANT_POD}) {
          annotations.put(pod, cluster.awaitResults(pod, 1, Duration.ofSeconds(30)));
        }
      }
    }, Settings.fromEnvironment());

    // web1: bound to node3, which passed all four filters; each other node stopped at its filter.
    Map<String, String> web1 = annotations.get("web1");
    assertThat(web1.get(SimulatorAnnotations.SELECTED_NODE)).isEqualTo(result.pod("web1").node()).isEqualTo("node3");
    Map<String, Map<String, String>> filter = SimulatorAnnotations.nodeMap(web1.get(SimulatorAnnotations.FILTER));
    assertThat(filter.get("node3")).containsExactly(
        Map.entry("NodeUnschedulable", "passed"), Map.entry("TaintToleration", "passed"),
        Map.entry("NodeAffinity", "passed"), Map.entry("NodeResourcesFit", "passed"));
    assertThat(filter.get("node0")).containsExactly(Map.entry("NodeUnschedulable", "node(s) were unschedulable"));
    assertThat(filter.get("node1")).containsExactly(Map.entry("NodeUnschedulable", "passed"),
        Map.entry("TaintToleration", "node(s) had untolerated taint(s)"));
    assertThat(filter.get("node2")).containsEntry("NodeAffinity", "node(s) didn't match Pod's node affinity/selector");

    // web3 fits nowhere: no node chosen, and the reasons counted over filter-result are the event's message.
    Map<String, String> web3 = annotations.get(FilterReasons.PENDING_POD);
    assertThat(web3.get(SimulatorAnnotations.SELECTED_NODE)).isEmpty();
    Map<String, Map<String, String>> rejected = SimulatorAnnotations.nodeMap(web3.get(SimulatorAnnotations.FILTER));
    Map<String, Long> histogram = rejected.values().stream()
        .map(byPlugin -> byPlugin.values().stream().filter(v -> !v.equals("passed")).findFirst().orElseThrow())
        .collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting()));
    String message = "0/" + rejected.size() + " nodes are available: " + histogram.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey()).sorted().collect(Collectors.joining(", ")) + ".";
    assertThat(message).isEqualTo(result.pod(FilterReasons.PENDING_POD).pendingReason());

    // The history holds the one attempt, as the simulator's: a map of the same annotations.
    assertThat(SimulatorAnnotations.history(web3.get(SimulatorAnnotations.RESULT_HISTORY))).singleElement()
        .satisfies(attempt -> {
          assertThat(attempt.get(SimulatorAnnotations.FILTER)).isEqualTo(web3.get(SimulatorAnnotations.FILTER));
          assertThat(attempt.get(SimulatorAnnotations.SELECTED_NODE)).isEmpty();
        });
    assertThat(annotations.get(FilterReasons.TOLERANT_POD).get(SimulatorAnnotations.SELECTED_NODE))
        .isEqualTo(result.pod(FilterReasons.TOLERANT_POD).node()).isEqualTo("node1");

    // The explanation reads the same annotations: web3 has four rejection lines, no chosen node.
    assertThat(Explanation.of(FilterReasons.PENDING_POD, web3))
        .contains("web3, attempt 1: no node chosen — 4 nodes: 0 passed the filters, 4 rejected")
        .contains("node(s) had untolerated taint(s)")
        .contains("Insufficient cpu");
  }
}
