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

/** Reading a KubeSchedulerConfiguration against a stage: merging, multiPoint, weights, args, and every error. */
class ConfigFileTest {
  /** Stage 3's registry and default profile, as data. */
  static final Map<String, Set<ExtensionPoint>> STAGE3 = registry(
      "NodeUnschedulable", EnumSet.of(FILTER),
      "TaintToleration", EnumSet.of(FILTER, SCORE),
      "NodeAffinity", EnumSet.of(FILTER, SCORE),
      "NodeResourcesFit", EnumSet.of(FILTER, SCORE),
      "NodeResourcesBalancedAllocation", EnumSet.of(SCORE),
      "NodeNumber", EnumSet.of(SCORE));
  static final KubeSchedulerProfile DEFAULTS = KubeSchedulerProfile.builder()
      .multiPoint("NodeUnschedulable").multiPoint("TaintToleration", 3).multiPoint("NodeAffinity", 2)
      .multiPoint("NodeResourcesFit", 1).multiPoint("NodeResourcesBalancedAllocation", 1).multiPoint("NodeNumber", 1)
      .args("NodeResourcesFit", "scoringStrategy: {type: LeastAllocated}")
      .build();
  static final Configurable STAGE = new Configurable(DEFAULTS, STAGE3, profile -> (client, name) -> () -> { });
  static final String HEAD = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";

  @SafeVarargs
  private static Map<String, Set<ExtensionPoint>> registry(Object... nameThenPoints) {
    Map<String, Set<ExtensionPoint>> registry = new LinkedHashMap<>();
    for (int i = 0; i < nameThenPoints.length; i += 2) {
      @SuppressWarnings("unchecked")
      Set<ExtensionPoint> points = (Set<ExtensionPoint>) nameThenPoints[i + 1];
      registry.put((String) nameThenPoints[i], points);
    }
    return registry;
  }

  private static Profile read(String yaml) {
    return ConfigFile.parse("my.yaml", HEAD + yaml, "stage3-score", STAGE).profile();
  }

  private static void fails(String yaml, String message) {
    assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigError.class).hasMessage(message);
  }

  @Test
  void noProfilesRunsTheDefaultProfileExpandedFromMultiPoint() {
    Profile profile = read("");
    assertThat(profile.enabled(FILTER))
        .containsExactly("NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit");
    assertThat(profile.enabled(SCORE)).containsExactly("TaintToleration", "NodeAffinity", "NodeResourcesFit",
        "NodeResourcesBalancedAllocation", "NodeNumber");
    assertThat(profile.weights()).containsEntry("TaintToleration", 3).containsEntry("NodeAffinity", 2)
        .containsEntry("NodeNumber", 1);
    assertThat(profile.schedulerName()).isEmpty();
    assertThat(profile.parallelism()).isEqualTo(16);
    assertThat(profile.percentageOfNodesToScore()).isEmpty();
    assertThat(profile).isEqualTo(STAGE.defaultProfile());
  }

  @Test
  void disablingAPluginAtOnePointLeavesItAtTheOthers() {
    Profile profile = read("""
        profiles:
        - schedulerName: minisched
          plugins:
            filter:
              disabled:
              - name: TaintToleration
        """);
    assertThat(profile.enabled(FILTER)).containsExactly("NodeUnschedulable", "NodeAffinity", "NodeResourcesFit");
    assertThat(profile.enabled(SCORE)).contains("TaintToleration");
    assertThat(profile.schedulerName()).isEqualTo("minisched");
  }

  @Test
  void starDisablesEveryDefaultAtThePointAndTheFileEnablesItsOwnWithWeights() {
    Profile profile = read("""
        profiles:
        - plugins:
            score:
              disabled:
              - name: "*"
              enabled:
              - name: NodeNumber
                weight: 5
              - name: NodeAffinity
        """);
    assertThat(profile.enabled(SCORE)).containsExactly("NodeNumber", "NodeAffinity");
    // As upstream: the score point's own entry sets the weight, and absent there means 1, whatever multiPoint says.
    assertThat(profile.weights()).containsOnly(Map.entry("NodeNumber", 5), Map.entry("NodeAffinity", 1));
    assertThat(profile.enabled(FILTER)).hasSize(4);
  }

  @Test
  void aScoreWeightOverridesTheMultiPointWeightAndMovesThePluginFirstAsUpstream() {
    Profile profile = read("""
        profiles:
        - plugins:
            score:
              enabled:
              - name: NodeResourcesFit
                weight: 7
        """);
    assertThat(profile.weight("NodeResourcesFit")).isEqualTo(7);
    assertThat(profile.enabled(SCORE)).containsExactly("NodeResourcesFit", "TaintToleration", "NodeAffinity",
        "NodeResourcesBalancedAllocation", "NodeNumber");
  }

  @Test
  void weightZeroOrAbsentCountsAsOne() {
    Profile profile = read("""
        profiles:
        - plugins:
            multiPoint:
              disabled:
              - name: "*"
              enabled:
              - name: NodeAffinity
                weight: 0
              - name: NodeNumber
        """);
    assertThat(profile.enabled(FILTER)).containsExactly("NodeAffinity");
    assertThat(profile.weights()).containsOnly(Map.entry("NodeAffinity", 1), Map.entry("NodeNumber", 1));
  }

  @Test
  void aMultiPointPluginRunsAtEveryPointItImplementsButOneThatDisablesIt() {
    Configurable withOwn = new Configurable(DEFAULTS, registry("NodeUnschedulable", EnumSet.of(FILTER),
        "TaintToleration", EnumSet.of(FILTER, SCORE), "NodeAffinity", EnumSet.of(FILTER, SCORE),
        "NodeResourcesFit", EnumSet.of(FILTER, SCORE), "NodeResourcesBalancedAllocation", EnumSet.of(SCORE),
        "NodeNumber", EnumSet.of(SCORE), "Mine", EnumSet.of(FILTER, SCORE)), STAGE.scheduler());
    Profile profile = ConfigFile.parse("my.yaml", HEAD + """
        profiles:
        - plugins:
            multiPoint:
              enabled:
              - name: Mine
                weight: 4
            filter:
              disabled:
              - name: NodeUnschedulable
        """, "stage3-score", withOwn).profile();
    assertThat(profile.enabled(FILTER)).containsExactly("TaintToleration", "NodeAffinity", "NodeResourcesFit", "Mine");
    assertThat(profile.enabled(SCORE)).endsWith("Mine");
    assertThat(profile.weight("Mine")).isEqualTo(4);

    Profile notAtScore = ConfigFile.parse("my.yaml", HEAD + """
        profiles:
        - plugins:
            multiPoint:
              enabled:
              - name: Mine
            score:
              disabled:
              - name: Mine
        """, "stage3-score", withOwn).profile();
    assertThat(notAtScore.enabled(FILTER)).endsWith("Mine");
    assertThat(notAtScore.enabled(SCORE)).doesNotContain("Mine");
  }

  @Test
  void argsReplaceTheDefaultArgsAndAreReadByThePlugin() {
    Profile profile = read("""
        profiles:
        - pluginConfig:
          - name: NodeResourcesFit
            args:
              scoringStrategy:
                type: LeastAllocated
                resources:
                - name: cpu
                  weight: 3
        """);
    PluginArgs args = profile.args("NodeResourcesFit");
    PluginArgs strategy = args.object("scoringStrategy");
    assertThat(strategy.string("type", "?")).isEqualTo("LeastAllocated");
    List<PluginArgs> resources = strategy.objects("resources");
    assertThat(resources).hasSize(1);
    assertThat(resources.get(0).integer("weight", 1)).isEqualTo(3);
    assertThat(profile.args("NodeNumber").isEmpty()).isTrue();
  }

  @Test
  void anArgThePluginDoesNotReadIsReportedWithItsPathAndTheNearestKnownField() {
    PluginArgs args = read("""
        profiles:
        - pluginConfig:
          - name: NodeResourcesFit
            args:
              scoringStrategy:
                typ: MostAllocated
        """).args("NodeResourcesFit");
    PluginArgs strategy = args.object("scoringStrategy");
    strategy.string("type", "LeastAllocated");
    strategy.objects("resources");
    assertThatThrownBy(strategy::done).isInstanceOf(ConfigError.class)
        .hasMessage("my.yaml: profiles[0].pluginConfig[0].args.scoringStrategy.typ: unknown field; did you mean type?");
    assertThat(args.invalid("x", "bad").getMessage()).isEqualTo("my.yaml: profiles[0].pluginConfig[0].args.x: bad");
    assertThatThrownBy(() -> PluginArgs.of("X", Map.of("on", "yes")).bool("on", false))
        .hasMessage("test: pluginConfig[X].args.on: must be true or false, not yes");
    assertThatThrownBy(() -> PluginArgs.of("X", Map.of("any", 1)).done())
        .hasMessage("test: pluginConfig[X].args.any: unknown field; this plugin takes no args here");
  }

  @Test
  void percentageAndParallelismAreReadAndTheProfilesPercentageWins() {
    Profile profile = read("""
        parallelism: 4
        percentageOfNodesToScore: 30
        profiles:
        - percentageOfNodesToScore: 50
        """);
    assertThat(profile.parallelism()).isEqualTo(4);
    assertThat(profile.percentageOfNodesToScore()).hasValue(50);
    assertThat(read("percentageOfNodesToScore: 0\n").percentageOfNodesToScore()).hasValue(0);
  }

  @Test
  void upstreamsProcessFieldsAreAcceptedAndNotedAsIgnored() {
    SchedulerConfiguration config = ConfigFile.parse("my.yaml", HEAD + """
        clientConnection:
          kubeconfig: /tmp/k
        leaderElection:
          leaderElect: false
        profiles:
        - plugins:
            preFilter:
              disabled:
              - name: "*"
              enabled:
              - name: NodeAffinity
            postFilter:
              enabled:
              - name: DefaultPreemption
            bind:
              disabled:
              - name: "*"
              enabled:
              - name: DefaultBinder
            score:
              disabled:
              - name: PodTopologySpread
        """, "stage3-score", STAGE);
    assertThat(config.notes()).containsExactly("my.yaml: ignored: clientConnection, leaderElection configure "
        + "upstream's process; minisched has no preFilter extension point (NodeAffinity enabled there); no postFilter "
        + "extension point (DefaultPreemption enabled there)");
    assertThat(config.profile().enabled(FILTER)).contains("NodeAffinity");
  }

  @Test
  void everyMistakeIsOneLineWithItsPath() {
    fails("profile: []\n", "my.yaml: profile: unknown field; did you mean profiles?");
    fails("profiles:\n- plugins:\n    filter:\n      enable: []\n",
        "my.yaml: profiles[0].plugins.filter.enable: unknown field; did you mean enabled?");
    fails("profiles:\n- plugins:\n    filtre: {}\n",
        "my.yaml: profiles[0].plugins.filtre: unknown field; did you mean filter?");
    fails("profiles:\n- schedulerNme: x\n", "my.yaml: profiles[0].schedulerNme: unknown field; did you mean schedulerName?");
    fails("profiles:\n- plugins:\n    filter:\n      enabled:\n      - name: NodeUnschedulable\n      - name: Foo\n",
        "my.yaml: profiles[0].plugins.filter.enabled[1].name: no plugin \"Foo\" in stage3-score's registry; known: "
            + "NodeAffinity, NodeNumber, NodeResourcesBalancedAllocation, NodeResourcesFit, NodeUnschedulable, "
            + "TaintToleration");
    fails("profiles:\n- plugins:\n    multiPoint:\n      enabled:\n      - name: Coscheduling\n",
        "my.yaml: profiles[0].plugins.multiPoint.enabled[0].name: plugin \"Coscheduling\" is introduced in "
            + "stage5-permit; it is not in stage3-score's registry; known: NodeAffinity, NodeNumber, "
            + "NodeResourcesBalancedAllocation, NodeResourcesFit, NodeUnschedulable, TaintToleration");
    fails("profiles:\n- plugins:\n    score:\n      enabled:\n      - name: PodTopologySpread\n",
        "my.yaml: profiles[0].plugins.score.enabled[0].name: plugin \"PodTopologySpread\" is upstream's, but not "
            + "in minisched; known: NodeAffinity, NodeNumber, NodeResourcesBalancedAllocation, NodeResourcesFit, "
            + "NodeUnschedulable, TaintToleration");
    fails("profiles:\n- plugins:\n    permit:\n      enabled:\n      - name: NodeNumber\n",
        "my.yaml: profiles[0].plugins.permit: extension point \"permit\" is introduced in stage5-permit; "
            + "stage3-score has: filter, score, multiPoint");
    fails("profiles:\n- plugins:\n    preFilter:\n      enabled:\n      - name: NodeAfinity\n",
        "my.yaml: profiles[0].plugins.preFilter.enabled[0].name: no plugin \"NodeAfinity\" in stage3-score's "
            + "registry; known: NodeAffinity, NodeNumber, NodeResourcesBalancedAllocation, NodeResourcesFit, "
            + "NodeUnschedulable, TaintToleration");
    fails("profiles:\n- plugins:\n    filter:\n      enabled:\n      - name: NodeNumber\n",
        "my.yaml: profiles[0].plugins.filter.enabled[0].name: plugin \"NodeNumber\" does not extend filter plugin");
    fails("profiles:\n- plugins:\n    filter:\n      disabled:\n      - name: \"*\"\n      enabled:\n"
            + "      - name: NodeAffinity\n      - name: NodeAffinity\n",
        "my.yaml: profiles[0].plugins.filter.enabled[1].name: plugin \"NodeAffinity\" is enabled twice at filter");
    fails("profiles:\n- plugins:\n    score:\n      enabled:\n      - name: NodeNumber\n        weight: -1\n",
        "my.yaml: profiles[0].plugins.score.enabled[0].weight: must not be negative (0 or absent means 1), not -1");
    fails("profiles:\n- plugins:\n    score:\n      enabled:\n      - name: NodeNumber\n        weight: high\n",
        "my.yaml: profiles[0].plugins.score.enabled[0].weight: must be an integer, not high");
    fails("profiles:\n- plugins:\n    score:\n      enabled:\n      - weight: 2\n",
        "my.yaml: profiles[0].plugins.score.enabled[0].name: Required value");
    fails("profiles:\n- schedulerName: a\n- schedulerName: b\n",
        "my.yaml: profiles: minisched runs one profile; this file has 2");
    fails("percentageOfNodesToScore: 101\n", "my.yaml: percentageOfNodesToScore: not in valid range [0-100]: 101");
    fails("profiles:\n- percentageOfNodesToScore: -1\n",
        "my.yaml: profiles[0].percentageOfNodesToScore: not in valid range [0-100]: -1");
    fails("parallelism: 0\n", "my.yaml: parallelism: should be an integer value greater than zero");
    fails("profiles:\n- pluginConfig:\n  - name: NodeNumber\n  - name: NodeNumber\n",
        "my.yaml: profiles[0].pluginConfig[1]: Duplicate value: \"NodeNumber\"");
    fails("profiles:\n- pluginConfig:\n  - name: Fit\n",
        "my.yaml: profiles[0].pluginConfig[0].name: no plugin \"Fit\" in stage3-score's registry; known: "
            + "NodeAffinity, NodeNumber, NodeResourcesBalancedAllocation, NodeResourcesFit, NodeUnschedulable, "
            + "TaintToleration");
    fails("profiles:\n- pluginConfig:\n  - name: NodeNumber\n    arg: {}\n",
        "my.yaml: profiles[0].pluginConfig[0].arg: unknown field; did you mean args?");
    fails("extenders:\n- urlPrefix: http://x\n", "my.yaml: extenders: extenders are not in minisched");
    fails("profiles: {}\n", "my.yaml: profiles: must be a list of profiles");
  }

  @Test
  void theHeaderMustBeAKubeSchedulerConfiguration() {
    assertThatThrownBy(() -> ConfigFile.parse("my.yaml", "kind: KubeSchedulerConfiguration\n", "stage3-score", STAGE))
        .hasMessage("my.yaml: apiVersion: Required value");
    assertThatThrownBy(() -> ConfigFile.parse("my.yaml", "apiVersion: v1\nkind: KubeSchedulerConfiguration\n",
        "stage3-score", STAGE)).hasMessage("my.yaml: apiVersion: must be kubescheduler.config.k8s.io/v1 "
            + "(or kubescheduler.config.k8s.io/v1beta1), not v1");
    assertThatThrownBy(() -> ConfigFile.parse("my.yaml", "apiVersion: kubescheduler.config.k8s.io/v1\nkind: Pod\n",
        "stage3-score", STAGE)).hasMessage("my.yaml: kind: must be KubeSchedulerConfiguration, not Pod");
    assertThatThrownBy(() -> ConfigFile.parse("my.yaml", "a: [", "stage3-score", STAGE))
        .isInstanceOf(ConfigError.class).hasMessageStartingWith("my.yaml: not YAML: ");
    assertThatThrownBy(() -> ConfigFile.parse("my.yaml", "- 1\n", "stage3-score", STAGE))
        .hasMessage("my.yaml: must be an object (field: value), not [1]");
  }

  /** kube-scheduler v1.34 decodes strictly and refuses a v1 file with v1beta1's insecure-port fields; so do we. */
  @Test
  void v1beta1sInsecurePortAddressesAreRefusedInAV1File() {
    fails("healthzBindAddress: 0.0.0.0:10251\n", "my.yaml: healthzBindAddress: is not a field of "
        + "kubescheduler.config.k8s.io/v1 (removed in v1beta3; kube-scheduler refuses a v1 file with it): remove it; "
        + "kube-scheduler serves health and metrics on --secure-port");
    fails("metricsBindAddress: \"\"\n", "my.yaml: metricsBindAddress: is not a field of "
        + "kubescheduler.config.k8s.io/v1 (removed in v1beta3; kube-scheduler refuses a v1 file with it): remove it; "
        + "kube-scheduler serves health and metrics on --secure-port");
    String v1beta1 = "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\n";
    assertThat(ConfigFile.parse("b.yaml", v1beta1 + "healthzBindAddress: 127.0.0.1:10251\n", "stage3-score", STAGE)
        .notes()).containsExactly("b.yaml: ignored: healthzBindAddress configures upstream's process");
  }

  @Test
  void v1beta1IsReadForUpstreamV120sSakeButHasNoMultiPoint() {
    String v1beta1 = "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\n";
    Profile profile = ConfigFile.parse("b.yaml", v1beta1 + "profiles:\n- plugins:\n    filter:\n      disabled:\n"
        + "      - name: NodeAffinity\n", "stage3-score", STAGE).profile();
    assertThat(profile.enabled(FILTER)).doesNotContain("NodeAffinity");
    assertThatThrownBy(() -> ConfigFile.parse("b.yaml", v1beta1 + "profiles:\n- plugins:\n    multiPoint: {}\n",
        "stage3-score", STAGE)).hasMessageStartingWith("b.yaml: profiles[0].plugins.multiPoint: unknown field");
  }

  @Test
  void aStageWithoutPluginsNamesTheStageThatIntroducesThem() {
    Configurable stage1 = new Configurable(KubeSchedulerProfile.builder().build(), Map.of(), STAGE.scheduler());
    assertThatThrownBy(() -> ConfigFile.parse("my.yaml", HEAD + "profiles:\n- plugins:\n    filter:\n      disabled:\n"
        + "      - name: NodeAffinity\n", "stage1-random", stage1))
        .hasMessage("my.yaml: profiles[0].plugins.filter: extension point \"filter\" is introduced in stage2-filter; "
            + "stage1-random has: none");
    assertThatThrownBy(() -> ConfigFile.parse("my.yaml", HEAD + "profiles:\n- pluginConfig:\n  - name: NodeNumber\n",
        "stage1-random", stage1)).hasMessage("my.yaml: profiles[0].pluginConfig[0].name: plugin \"NodeNumber\" is "
            + "introduced in stage3-score; it is not in stage1-random's registry; known: none (stage1-random has no plugins)");
    assertThat(ConfigFile.parse("my.yaml", HEAD + "profiles:\n- schedulerName: x\n", "stage1-random", stage1)
        .profile().plugins()).isEmpty();
  }

  /** One profile for stages 3 to 7: NodeNumber on at score, and off at permit where there is one. */
  @Test
  void aPointTheStageDoesNotHaveYetMayTurnItsOwnPluginsOff() {
    Profile profile = ConfigFile.parse("my.yaml", HEAD + "profiles:\n- plugins:\n    permit:\n      disabled:\n"
        + "      - name: NodeNumber\n", "stage3-score", STAGE).profile();
    assertThat(profile.plugins()).isEqualTo(STAGE.defaultProfile().plugins());
    assertThatThrownBy(() -> ConfigFile.parse("my.yaml", HEAD + "profiles:\n- plugins:\n    permit:\n      disabled:\n"
        + "      - name: Coscheduling\n", "stage3-score", STAGE))
        .hasMessage("my.yaml: profiles[0].plugins.permit: extension point \"permit\" is introduced in stage5-permit; "
            + "stage3-score has: filter, score, multiPoint");
  }

  @Test
  void aStageWithAQueueNeedsExactlyOneQueueSortPlugin() {
    Map<String, Set<ExtensionPoint>> registry = registry("PrioritySort", EnumSet.of(QUEUE_SORT),
        "OtherSort", EnumSet.of(QUEUE_SORT), "NodeNumber", EnumSet.of(PRE_SCORE, SCORE, PERMIT),
        "Coscheduling", EnumSet.of(RESERVE, PERMIT));
    KubeSchedulerProfile defaults = KubeSchedulerProfile.builder().multiPoint("PrioritySort").multiPoint("Coscheduling")
        .multiPoint("NodeNumber").disable(PERMIT, "NodeNumber").build();
    Configurable stage6 = new Configurable(defaults, registry, STAGE.scheduler());
    assertThat(stage6.defaultProfile().enabled(PERMIT)).containsExactly("Coscheduling");
    Profile withDelay = ConfigFile.parse("my.yaml", HEAD + "profiles:\n- plugins:\n    permit:\n      enabled:\n"
        + "      - name: NodeNumber\n", "stage6-queue", stage6).profile();
    assertThat(withDelay.enabled(PERMIT)).containsExactly("Coscheduling", "NodeNumber");
    assertThatThrownBy(() -> ConfigFile.parse("my.yaml", HEAD + "profiles:\n- plugins:\n    queueSort:\n      enabled:\n"
        + "      - name: OtherSort\n", "stage6-queue", stage6))
        .hasMessage("my.yaml: profiles[0].plugins.queueSort: only one queue sort plugin can be enabled, not "
            + "[PrioritySort, OtherSort]");
    assertThatThrownBy(() -> ConfigFile.parse("my.yaml", HEAD + "profiles:\n- plugins:\n    queueSort:\n      disabled:\n"
        + "      - name: PrioritySort\n", "stage6-queue", stage6))
        .hasMessage("my.yaml: profiles[0].plugins.queueSort: no queue sort plugin is enabled; the scheduling queue "
            + "needs one");
  }

  @Test
  void thePrintedDefaultProfileReadsBackAsTheDefaultProfile() {
    String printed = ProfileYaml.print("stage3-score", DEFAULTS, "minisched");
    assertThat(printed).contains("  plugins:\n    multiPoint:\n      disabled:\n      - name: '*'\n      enabled:\n"
        + "      - name: NodeUnschedulable\n      - name: TaintToleration\n        weight: 3\n");
    Profile back = ConfigFile.parse("printed", printed, "stage3-score", STAGE).profile();
    assertThat(back.plugins()).isEqualTo(STAGE.defaultProfile().plugins());
    assertThat(back.weights()).isEqualTo(STAGE.defaultProfile().weights());
    assertThat(back.schedulerName()).isEqualTo("minisched");
    assertThat(back.args("NodeResourcesFit").object("scoringStrategy").string("type", "?")).isEqualTo("LeastAllocated");
  }
}
