package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.Scenario;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.catalog.NodeNumberMatch;
import dev.minisched.scenarios.results.Explanation;
import dev.minisched.scenarios.results.SimulatorAnnotations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stage 3 on a real API server: each pod's annotations hold every score plugin's raw and final
 * score for every node, and the node the scheduler bound is the one with the highest total.
 */
class ResultAnnotationsIT {

  @Test
  void theBoundNodeHasTheHighestFinalScoreOnThePodsAnnotations() {
    Map<String, Map<String, String>> annotations = new HashMap<>();
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "stage3-result-annotations";
      }

      @Override
      public String description() {
        return "node-number, then the pods' annotations";
      }

      @Override
      public void run(Cluster cluster) {
        new NodeNumberMatch().run(cluster);
        for (int i = 1; i <= 9; i++) {
          annotations.put("pod" + i, cluster.awaitResults("pod" + i, 1, Duration.ofSeconds(30)));
        }
      }
    }, Settings.fromEnvironment());

    for (int i = 1; i <= 9; i++) {
      String pod = "pod" + i;
      Map<String, String> a = annotations.get(pod);
      String bound = result.pod(pod).node();
      assertThat(a.get(SimulatorAnnotations.SELECTED_NODE)).as(pod).isEqualTo(bound).isEqualTo("node" + i);

      Map<String, Map<String, String>> filter = SimulatorAnnotations.nodeMap(a.get(SimulatorAnnotations.FILTER));
      assertThat(filter).as(pod).hasSize(10);
      assertThat(filter.values()).allSatisfy(byPlugin -> assertThat(byPlugin.values()).containsOnly("passed"));

      Map<String, Map<String, String>> raw = SimulatorAnnotations.nodeMap(a.get(SimulatorAnnotations.SCORE));
      Map<String, Map<String, String>> weighted = SimulatorAnnotations.nodeMap(a.get(SimulatorAnnotations.FINAL_SCORE));
      assertThat(raw.keySet()).isEqualTo(filter.keySet());
      assertThat(weighted.keySet()).isEqualTo(filter.keySet());
      assertThat(weighted.get(bound)).containsOnlyKeys("NodeResourcesFit", "NodeResourcesBalancedAllocation",
          "TaintToleration", "NodeAffinity", "NodeNumber");
      // NodeNumber: 10 raw points for the matching node, normalized to 100, weight 1.
      assertThat(raw.get(bound)).containsEntry("NodeNumber", "10");
      assertThat(weighted.get(bound)).containsEntry("NodeNumber", "100");
      // TaintToleration's weight is 3: its final scores are three times its normalized ones.
      assertThat(weighted.values()).allSatisfy(s -> assertThat(Long.parseLong(s.get("TaintToleration")) % 3).isZero());

      long best = weighted.values().stream().mapToLong(ResultAnnotationsIT::total).max().orElseThrow();
      assertThat(total(weighted.get(bound))).as(pod + " went to a node with the highest total").isEqualTo(best);
      assertThat(weighted.entrySet()).filteredOn(e -> !e.getKey().equals(bound))
          .allSatisfy(e -> assertThat(total(e.getValue())).isLessThan(best));
    }
    assertThat(Explanation.of("pod3", annotations.get("pod3")))
        .contains("pod3, attempt 1: chose node3 — 10 nodes: 10 passed the filters, 0 rejected")
        .contains("node3 (chosen)")
        .contains("+6 more");
  }

  private static long total(Map<String, String> byPlugin) {
    return byPlugin.values().stream().mapToLong(Long::parseLong).sum();
  }
}
