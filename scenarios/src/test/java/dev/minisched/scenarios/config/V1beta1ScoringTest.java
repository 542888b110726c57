package dev.minisched.scenarios.config;

import static dev.minisched.scenarios.config.ExtensionPoint.FILTER;
import static dev.minisched.scenarios.config.ExtensionPoint.PERMIT;
import static dev.minisched.scenarios.config.ExtensionPoint.PRE_SCORE;
import static dev.minisched.scenarios.config.ExtensionPoint.QUEUE_SORT;
import static dev.minisched.scenarios.config.ExtensionPoint.RESERVE;
import static dev.minisched.scenarios.config.ExtensionPoint.SCORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A kube-scheduler v1.20 (v1beta1) file's resource score plugins, read as v1beta2's NodeResourcesFit scoringStrategy. */
class V1beta1ScoringTest {
  /** Stage 7's plugins and default profile, as data. */
  static final Configurable STAGE7 = new Configurable(KubeSchedulerProfile.builder()
      .multiPoint("PrioritySort").multiPoint("NodeUnschedulable").multiPoint("TaintToleration", 3)
      .multiPoint("NodeAffinity", 2).multiPoint("NodeResourcesFit", 1).multiPoint("NodeResourcesBalancedAllocation", 1)
      .multiPoint("Coscheduling").multiPoint("NodeNumber", 1).disable(PERMIT, "NodeNumber")
      .args("NodeResourcesFit", "scoringStrategy: {type: LeastAllocated, "
          + "resources: [{name: cpu, weight: 1}, {name: memory, weight: 1}]}")
      .build(), registry(), profile -> (client, name) -> () -> { });
  static final String V1BETA1 = "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\n";
  static final String V1 = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";
  /** What the benchmark gives kube-scheduler v1.20 for its "same plugins" row. */
  static final String UPSTREAM_V120 = V1BETA1 + """
      clientConnection:
        kubeconfig: /tmp/x/kubeconfig
      leaderElection:
        leaderElect: false
      parallelism: 16
      percentageOfNodesToScore: 0
      profiles:
      - schedulerName: minisched
        plugins:
          queueSort:
            disabled: [{name: '*'}]
            enabled: [{name: PrioritySort}]
          preFilter:
            disabled: [{name: '*'}]
            enabled: [{name: NodeResourcesFit}]
          filter:
            disabled: [{name: '*'}]
            enabled: [{name: NodeUnschedulable}, {name: TaintToleration}, {name: NodeAffinity}, {name: NodeResourcesFit}]
          score:
            disabled: [{name: '*'}]
            enabled:
            - {name: TaintToleration, weight: 3}
            - {name: NodeAffinity, weight: 2}
            - {name: %s, weight: %d}
            - {name: NodeResourcesBalancedAllocation, weight: 1}
          preScore:
            disabled: [{name: '*'}]
            enabled: [{name: TaintToleration}]
          reserve:
            disabled: [{name: '*'}]
          permit:
            disabled: [{name: '*'}]
          bind:
            disabled: [{name: '*'}]
            enabled: [{name: DefaultBinder}]
      """;

  private static Map<String, Set<ExtensionPoint>> registry() {
    Map<String, Set<ExtensionPoint>> registry = new LinkedHashMap<>();
    registry.put("PrioritySort", EnumSet.of(QUEUE_SORT));
    registry.put("NodeUnschedulable", EnumSet.of(FILTER));
    registry.put("TaintToleration", EnumSet.of(FILTER, PRE_SCORE, SCORE));
    registry.put("NodeAffinity", EnumSet.of(FILTER, PRE_SCORE, SCORE));
    registry.put("NodeResourcesFit", EnumSet.of(FILTER, PRE_SCORE, SCORE));
    registry.put("NodeResourcesBalancedAllocation", EnumSet.of(PRE_SCORE, SCORE));
    registry.put("Coscheduling", EnumSet.of(RESERVE, PERMIT));
    registry.put("NodeNumber", EnumSet.of(PRE_SCORE, SCORE, PERMIT));
    return registry;
  }

  private static SchedulerConfiguration parse(String text) {
    return ConfigFile.parse("b.yaml", text, "stage7-events", STAGE7);
  }

  private static String strategy(Profile profile) {
    return profile.args("NodeResourcesFit").object("scoringStrategy").string("type", "?");
  }

  @Test
  void upstreamV120sFileRunsStage7sDefaultWithoutItsOwnPlugins() {
    Profile v1beta1 = parse(UPSTREAM_V120.formatted("NodeResourcesLeastAllocated", 1)).profile();
    Profile expected = parse(V1 + "profiles:\n- schedulerName: minisched\n  plugins:\n    multiPoint:\n      disabled:\n"
        + "      - name: Coscheduling\n      - name: NodeNumber\n").profile();
    for (ExtensionPoint point : ExtensionPoint.values()) {
      assertThat(v1beta1.enabled(point)).as(point.fieldName()).isEqualTo(expected.enabled(point));
    }
    assertThat(v1beta1.enabled(SCORE)).containsExactly("TaintToleration", "NodeAffinity", "NodeResourcesFit",
        "NodeResourcesBalancedAllocation");
    assertThat(v1beta1.enabled(FILTER)).contains("NodeResourcesFit");
    assertThat(v1beta1.weights()).isEqualTo(expected.weights());
    assertThat(strategy(v1beta1)).isEqualTo(strategy(expected)).isEqualTo("LeastAllocated");
    assertThat(v1beta1.schedulerName()).isEqualTo("minisched");
    assertThat(v1beta1.parallelism()).isEqualTo(16);
    assertThat(v1beta1.percentageOfNodesToScore()).hasValue(0);
  }

  @Test
  void mostAllocatedKeepsItsWeightAndItsResourcesBecomeTheStrategys() {
    Profile profile = parse(UPSTREAM_V120.formatted("NodeResourcesMostAllocated", 5) + """
          pluginConfig:
          - name: NodeResourcesMostAllocated
            args:
              resources: [{name: cpu, weight: 2}]
        """).profile();
    assertThat(profile.enabled(SCORE)).contains("NodeResourcesFit");
    assertThat(profile.weight("NodeResourcesFit")).isEqualTo(5);
    assertThat(strategy(profile)).isEqualTo("MostAllocated");
    List<PluginArgs> resources = profile.args("NodeResourcesFit").object("scoringStrategy").objects("resources");
    assertThat(resources).hasSize(1);
    assertThat(resources.get(0).string("name", "?")).isEqualTo("cpu");
    assertThat(resources.get(0).integer("weight", 0)).isEqualTo(2);
  }

  @Test
  void twoStrategiesOrRequestedToCapacityRatioAreOneLineErrors() {
    String both = UPSTREAM_V120.formatted("NodeResourcesLeastAllocated", 1)
        .replace("  - {name: NodeResourcesBalancedAllocation, weight: 1}\n",
            "  - {name: NodeResourcesBalancedAllocation, weight: 1}\n      - {name: NodeResourcesMostAllocated, weight: 1}\n");
    assertThatThrownBy(() -> parse(both)).isInstanceOf(ConfigError.class)
        .hasMessage("b.yaml: profiles[0].plugins.score.enabled[4].name: NodeResourcesFit scores with one strategy; "
            + "this file enables both LeastAllocated (profiles[0].plugins.score.enabled[2]) and MostAllocated");
    assertThatThrownBy(() -> parse(UPSTREAM_V120.formatted("RequestedToCapacityRatio", 1)))
        .isInstanceOf(ConfigError.class).hasMessage("b.yaml: profiles[0].plugins.score.enabled[2].name: plugin "
            + "\"RequestedToCapacityRatio\" is upstream's scoringStrategy type RequestedToCapacityRatio since v1beta2, "
            + "which is not in minisched yet");
  }

  @Test
  void aV1FileNamingThemGetsTheV1Spelling() {
    assertThatThrownBy(() -> parse(V1 + "profiles:\n- plugins:\n    score:\n      enabled:\n"
        + "      - name: NodeResourcesLeastAllocated\n")).isInstanceOf(ConfigError.class)
        .hasMessage("b.yaml: profiles[0].plugins.score.enabled[0].name: plugin \"NodeResourcesLeastAllocated\" is "
            + "kube-scheduler v1.20's (kubescheduler.config.k8s.io/v1beta1); in kubescheduler.config.k8s.io/v1 it is "
            + "NodeResourcesFit at score with pluginConfig args scoringStrategy: {type: LeastAllocated}");
  }
}
