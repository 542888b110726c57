package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.PodOutcome;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import org.junit.jupiter.api.Test;

/**
 * The catalog's filter scenarios, as a learner runs them ({@code -Dminisched.scenario=NAME}), on a
 * real API server: each ends as its description says, with upstream's FailedScheduling message
 * word for word, and no node holds more than it can.
 */
class CatalogScenariosIT {

  private static RunResult run(String scenario) {
    RunResult result = ScenarioRunner.run(Main.STAGE, scenario, Settings.fromEnvironment());
    result.assertNoNodeOvercommitted();
    return result;
  }

  @Test
  void filterReasonsCountsOneNodePerFilter() {
    RunResult result = run("filter-reasons");

    assertThat(result.pod("web3").isBound()).isFalse();
    assertThat(result.pod("web3").pendingReason()).isEqualTo("0/4 nodes are available: 1 Insufficient cpu, "
        + "1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s), "
        + "1 node(s) were unschedulable.");
    assertThat(result.pods()).filteredOn(p -> !p.name().equals("web3")).allMatch(PodOutcome::isBound);
  }

  @Test
  void insufficientCpuLeavesTheFifthPodPending() {
    RunResult result = run("insufficient-cpu");

    assertThat(result.pods()).filteredOn(PodOutcome::isBound).extracting(PodOutcome::node)
        .containsExactlyInAnyOrder("node1", "node1", "node2", "node2");
    assertThat(result.pod("pod5").pendingReason()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
  }

  @Test
  void onlyTolerantPodsLandOnTheTaintedGpuNode() {
    RunResult result = run("tainted-gpu-node");

    assertThat(result.pods()).filteredOn(p -> p.name().startsWith("train")).extracting(PodOutcome::node)
        .containsOnly("gpu0");
    assertThat(result.pods()).filteredOn(p -> p.name().startsWith("web")).extracting(PodOutcome::node)
        .hasSize(4).doesNotContain("gpu0").doesNotContainNull();
    assertThat(result.pod("gpu-no-toleration").pendingReason()).isEqualTo("0/3 nodes are available: "
        + "1 node(s) had untolerated taint(s), 2 Insufficient nvidia.com/gpu.");
  }

  @Test
  void podsGoToTheZoneTheySelect() {
    RunResult result = run("zone-selector");

    assertThat(result.pods()).filteredOn(p -> p.name().startsWith("web-a")).extracting(PodOutcome::node)
        .hasSize(3).allMatch(node -> node.startsWith("node-a"));
    assertThat(result.pod("db-b").node()).startsWith("node-b");
    assertThat(result.pod("in-zone-c").pendingReason())
        .isEqualTo("0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector.");
  }

  @Test
  void aResourceNoNodeHasLeavesThePodPendingAndTheNextOneIsBound() {
    RunResult result = run("no-such-resource");

    assertThat(result.pod("wants-dongle").pendingReason())
        .isEqualTo("0/2 nodes are available: 2 Insufficient example.com/dongle.");
    assertThat(result.pod("next").isBound()).isTrue();
  }

  @Test
  void aManifestsAffinityWithTwoTermsIsMetByEither() {
    RunResult result = run("yaml-manifest");

    assertThat(result.pods()).hasSize(4).extracting(PodOutcome::node).containsAnyOf("node-a1", "node-c1")
        .doesNotContain("node-b1").doesNotContainNull();
  }
}
