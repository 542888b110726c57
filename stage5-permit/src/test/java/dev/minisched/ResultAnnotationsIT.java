package dev.minisched;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.Scenario;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.catalog.PermitDelays;
import dev.minisched.scenarios.results.Explanation;
import dev.minisched.scenarios.results.SimulatorAnnotations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stage 5 on a real API server: the annotations say what Reserve and Permit did: a pod that
 * waited at Permit and was bound, and a gang that waited and was turned away, and by whom.
 */
class ResultAnnotationsIT {

  @Test
  void aPodHeldAtPermitIsRecordedAsWaitingWithItsTimeoutThenBound() {
    Map<String, Map<String, String>> annotations = new HashMap<>();
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "stage5-result-annotations";
      }

      @Override
      public String description() {
        return "permit-delays, then the pods' annotations";
      }

      @Override
      public void run(Cluster cluster) {
        new PermitDelays().run(cluster);
        annotations.put("pod3", cluster.awaitResults("pod3", 1, Duration.ofSeconds(30)));
      }
    }, Settings.fromEnvironment());

    Map<String, String> pod3 = annotations.get("pod3");
    assertThat(pod3.get(SimulatorAnnotations.SELECTED_NODE)).isEqualTo(result.pod("pod3").node()).isEqualTo("node3");
    assertThat(SimulatorAnnotations.pluginMap(pod3.get(SimulatorAnnotations.PERMIT)))
        .containsEntry("NodeNumber", "wait").containsEntry("Coscheduling", "success");
    assertThat(SimulatorAnnotations.pluginMap(pod3.get(SimulatorAnnotations.PERMIT_TIMEOUT)))
        .containsEntry("NodeNumber", "10s").containsEntry("Coscheduling", "0s");
    assertThat(SimulatorAnnotations.pluginMap(pod3.get(SimulatorAnnotations.RESERVE)))
        .containsEntry("Coscheduling", "success");
    assertThat(SimulatorAnnotations.pluginMap(pod3.get(SimulatorAnnotations.PRESCORE)))
        .containsEntry("NodeNumber", "success");
    Map<String, Map<String, String>> weighted = SimulatorAnnotations.nodeMap(pod3.get(SimulatorAnnotations.FINAL_SCORE));
    long best = weighted.values().stream().mapToLong(ResultAnnotationsIT::total).max().orElseThrow();
    assertThat(total(weighted.get("node3"))).isEqualTo(best);
    assertThat(Explanation.of("pod3", pod3)).contains("pod3, attempt 1: chose node3 —")
        .contains("permit: Coscheduling: success; NodeNumber: wait (up to 10s)");
  }

  @Test
  void aGangShortOfItsQuorumWaitsAtPermitAndTheRecordNamesThePluginThatRejectedIt() {
    Map<String, Map<String, String>> annotations = new HashMap<>();
    RunResult result = ScenarioRunner.run(Main.STAGE, new Scenario() {
      @Override
      public String name() {
        return "stage5-gang-rejected-annotations";
      }

      @Override
      public String description() {
        return "two pods of a gang of three: both wait at Permit until Coscheduling's timeout";
      }

      @Override
      public void run(Cluster cluster) {
        cluster.createNodes(0, 1, i -> node("node" + i));
        cluster.createPod(pod("worker-a").podGroup("trio", 3));
        cluster.createPod(pod("worker-b").podGroup("trio", 3));
        cluster.awaitFailedScheduling("worker-a", Duration.ofSeconds(30));
        annotations.put("worker-a", cluster.awaitResults("worker-a", 1, Duration.ofSeconds(30)));
      }
    }, Settings.fromEnvironment());

    Map<String, String> worker = annotations.get("worker-a");
    assertThat(result.pod("worker-a").isBound()).isFalse();
    String rejection = SimulatorAnnotations.pluginMap(worker.get(SimulatorAnnotations.PERMIT)).get("Coscheduling");
    assertThat(rejection).isNotIn("wait", "success", null);
    assertThat(result.pod("worker-a").pendingReason()).contains(rejection);
    assertThat(SimulatorAnnotations.pluginMap(worker.get(SimulatorAnnotations.PERMIT_TIMEOUT)))
        .containsEntry("Coscheduling", "10s");
    // The node was chosen and reserved; Permit turned the pod away afterwards.
    assertThat(worker.get(SimulatorAnnotations.SELECTED_NODE)).isIn("node0", "node1");
    assertThat(Explanation.of("worker-a", worker)).contains(", refused at Permit");
  }

  private static long total(Map<String, String> byPlugin) {
    return byPlugin.values().stream().mapToLong(Long::parseLong).sum();
  }
}
