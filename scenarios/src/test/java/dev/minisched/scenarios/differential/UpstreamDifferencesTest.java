package dev.minisched.scenarios.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.scenarios.bench.KubeSchedulerConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamDifferencesTest {

  @Test
  void v120MessagesAreRewordedAndTheReasonsSortedAgain() {
    // v1.20 sorts "1 node(s) had taint {…}, that…" before "1 node(s) didn't…"? No: 'd' < 'h'. But
    // "2 node(s) had taint {a: b}, that the pod didn't tolerate" holds ", " inside one reason.
    String v120 = "0/6 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity, "
        + "2 node(s) had taint {dedicated: gpu, x}, that the pod didn't tolerate, 1 node(s) were unschedulable.";

    assertThat(UpstreamDifferences.toV134(v120)).isEqualTo("0/6 nodes are available: 1 Insufficient cpu, "
        + "1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector, "
        + "2 node(s) had untolerated taint {dedicated: gpu, x}.");
  }

  @Test
  void messagesWithoutV120WordingStayAsTheyAre() {
    assertThat(UpstreamDifferences.toV134("0/3 nodes are available: 3 node(s) were unschedulable."))
        .isEqualTo("0/3 nodes are available: 3 node(s) were unschedulable.");
    assertThat(UpstreamDifferences.toV134("no nodes available to schedule pods"))
        .isEqualTo("no nodes available to schedule pods");
  }

  @Test
  void theV134ProfileBecomesV120PluginsWithPreExtensionPointsAndExplicitWeights() {
    Profile profile = new Profile(List.of("NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit"),
        Map.of()).score("TaintToleration", 3).score("NodeAffinity", 2).score("NodeResourcesFit", 1)
        .score("NodeResourcesBalancedAllocation", 1).score("NodeNumber", 1);

    KubeSchedulerConfiguration config = UpstreamDifferences.configurationFor(profile, "minisched");

    assertThat(config.preFilter()).containsExactly("NodeResourcesFit");
    assertThat(config.filter()).containsExactly("NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit");
    assertThat(config.preScore()).containsExactly("TaintToleration");
    assertThat(config.score()).containsExactly(Map.entry("TaintToleration", 3), Map.entry("NodeAffinity", 2),
        Map.entry("NodeResourcesLeastAllocated", 1), Map.entry("NodeResourcesBalancedAllocation", 1));
    assertThat(UpstreamDifferences.scoresComparable(profile)).isFalse();
  }

  @Test
  void aPluginWithNoKnownV120CounterpartIsRefused() {
    assertThatThrownBy(() -> UpstreamDifferences.configurationFor(Profile.of(List.of("NodePorts")), "x"))
        .hasMessageContaining("NodePorts").hasMessageContaining("UpstreamDifferences");
  }

  @Test
  void theConfigurationFileDisablesEveryDefaultAndEnablesOurs() {
    String yaml = new KubeSchedulerConfiguration("minisched", List.of("NodeResourcesFit"),
        List.of("NodeUnschedulable", "NodeResourcesFit"), List.of(), Map.of("NodeResourcesLeastAllocated", 1))
        .yaml(Path.of("/tmp/kubeconfig"), 10259);

    assertThat(yaml).startsWith("apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\n")
        .contains("  kubeconfig: \"/tmp/kubeconfig\"\n  qps: 5000\n  burst: 5000\n")
        .contains("leaderElection:\n  leaderElect: false\n")
        .contains("- schedulerName: minisched\n")
        .contains("    filter:\n      disabled:\n      - name: \"*\"\n      enabled:\n      - name: NodeUnschedulable\n"
            + "      - name: NodeResourcesFit\n")
        .contains("    score:\n      disabled:\n      - name: \"*\"\n      enabled:\n"
            + "      - name: NodeResourcesLeastAllocated\n        weight: 1\n")
        .contains("    postFilter:\n      disabled:\n      - name: \"*\"\n    preScore:")
        .contains("    bind:\n      disabled:\n      - name: \"*\"\n      enabled:\n      - name: DefaultBinder\n");
  }
}
