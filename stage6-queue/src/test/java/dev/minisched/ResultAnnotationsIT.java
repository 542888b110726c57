package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.Scenario;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.catalog.NodeMadeSchedulable;
import dev.minisched.scenarios.results.Explanation;
import dev.minisched.scenarios.results.SimulatorAnnotations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stage 6 on a real API server: a pod retried by the queue has one entry per attempt in its
 * result history, and the failed attempt says where the queue put it.
 */
class ResultAnnotationsIT {

  @Test
  void theHistoryHasEveryAttemptAndTheFailedOneSaysWhereTheQueuePutThePod() {
    Map<String, String> annotations = new HashMap<>();
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "stage6-result-annotations";
      }

      @Override
      public String description() {
        return "node-made-schedulable, then pod1's annotations";
      }

      @Override
      public void run(Cluster cluster) {
        new NodeMadeSchedulable().run(cluster);
        annotations.putAll(cluster.awaitResults("pod1", 2, Duration.ofSeconds(30)));
      }
    }, Settings.fromEnvironment());

    List<Map<String, String>> history =
        SimulatorAnnotations.history(annotations.get(SimulatorAnnotations.RESULT_HISTORY));
    assertThat(history).hasSize(result.pod("pod1").attempts());
    Map<String, String> failed = history.get(0);
    assertThat(failed.get(SimulatorAnnotations.SELECTED_NODE)).isEmpty();
    assertThat(SimulatorAnnotations.nodeMap(failed.get(SimulatorAnnotations.FILTER)).values())
        .hasSize(3).allSatisfy(byPlugin -> assertThat(byPlugin)
            .containsExactly(Map.entry("NodeUnschedulable", "node(s) were unschedulable")));
    assertThat(failed.get(SimulatorAnnotations.QUEUE))
        .isEqualTo("unschedulablePods until a change may help (attempt 1, rejected by NodeUnschedulable)");

    Map<String, String> bound = history.get(history.size() - 1);
    assertThat(bound.get(SimulatorAnnotations.SELECTED_NODE)).isEqualTo(result.pod("pod1").node()).isEqualTo("node1");
    assertThat(bound).doesNotContainKey(SimulatorAnnotations.QUEUE);
    // The annotations on their own are the last attempt's.
    assertThat(annotations.get(SimulatorAnnotations.SELECTED_NODE)).isEqualTo("node1");
    assertThat(annotations).doesNotContainKey(SimulatorAnnotations.QUEUE);

    assertThat(Explanation.of("pod1", annotations))
        .contains("pod1, attempt 1: no node chosen — 3 nodes: 0 passed the filters, 3 rejected")
        .contains("  queue: unschedulablePods until a change may help")
        .contains("pod1, attempt 2: chose node1");
  }
}
