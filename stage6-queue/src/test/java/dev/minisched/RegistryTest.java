package dev.minisched;

import static dev.minisched.scenarios.config.ExtensionPoint.FILTER;
import static dev.minisched.scenarios.config.ExtensionPoint.PERMIT;
import static dev.minisched.scenarios.config.ExtensionPoint.PRE_SCORE;
import static dev.minisched.scenarios.config.ExtensionPoint.SCORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.example.RejectLabelled;
import dev.minisched.framework.Framework;
import dev.minisched.plugins.NodeNumber;
import dev.minisched.plugins.Registry;
import dev.minisched.scenarios.config.ConfigError;
import dev.minisched.scenarios.config.ConfigFile;
import dev.minisched.scenarios.config.Configurable;
import dev.minisched.scenarios.config.Profile;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stage 6's registry: what it holds, what each plugin implements, a plugin of your own, and plugin args. */
class RegistryTest {
  private static final String HEAD = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";

  private static Profile profile(Configurable stage, String yaml) {
    return ConfigFile.parse("my.yaml", HEAD + yaml, "stage6-queue", stage).profile();
  }

  @Test
  void theInTreeRegistryHoldsTheStagesPluginsWithTheirExtensionPoints() {
    assertThat(Registry.inTree().extensionPoints()).containsOnlyKeys("PrioritySort", "NodeUnschedulable", "TaintToleration",
        "NodeAffinity", "NodeResourcesFit", "NodeResourcesBalancedAllocation", "Coscheduling", "NodeNumber");
    assertThat(Registry.inTree().extensionPoints().get("TaintToleration")).isEqualTo(Set.of(FILTER, PRE_SCORE, SCORE));
    assertThat(Registry.inTree().extensionPoints().get("NodeUnschedulable")).isEqualTo(Set.of(FILTER));
    assertThat(Registry.inTree().extensionPoints().get(NodeNumber.NAME)).isEqualTo(Set.of(PRE_SCORE, SCORE, PERMIT));
  }

  @Test
  void aNameIsRegisteredOnce() {
    assertThatThrownBy(() -> Registry.inTree().with(NodeNumber.NAME, Registry.noArgs(NodeNumber::new)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a plugin named NodeNumber already exists");
  }

  @Test
  void theDefaultProfileRunsWhatTheStageRanBefore() {
    Profile defaults = Scheduler.configurable(Registry.inTree()).defaultProfile();
    assertThat(defaults.enabled(FILTER))
        .containsExactly("NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit");
    assertThat(defaults.enabled(SCORE)).containsExactly("TaintToleration", "NodeAffinity", "NodeResourcesFit",
        "NodeResourcesBalancedAllocation"); // the toy NodeNumber is off from stage 6 on: DefaultProfileTest
    try (Framework framework = Scheduler.framework()) {
      assertThat(framework.weight("TaintToleration")).isEqualTo(3);
      assertThat(framework.weight("NodeAffinity")).isEqualTo(2);
    }
  }

  @Test
  void aPluginOfYourOwnIsInTheRegistryButRunsOnlyWhereAProfileEnablesIt() {
    Configurable stage = Scheduler.configurable(
        Registry.inTree().with(RejectLabelled.NAME, (args, handle) -> RejectLabelled.fromArgs(args)));
    assertThat(stage.defaultProfile().pluginNames()).doesNotContain(RejectLabelled.NAME);
    Profile enabled = profile(stage, """
        profiles:
        - plugins:
            filter:
              enabled:
              - name: RejectLabelled
          pluginConfig:
          - name: RejectLabelled
            args:
              label: drain
        """);
    assertThat(enabled.enabled(FILTER)).endsWith(RejectLabelled.NAME);
    stage.scheduler().apply(enabled); // makes the plugins: the args are read and fine
  }

  @Test
  void aPluginsBadArgIsOneLineWithItsPathBeforeAnythingStarts() {
    Configurable stage = Scheduler.configurable(
        Registry.inTree().with(RejectLabelled.NAME, (args, handle) -> RejectLabelled.fromArgs(args)));
    Profile typo = profile(stage, """
        profiles:
        - pluginConfig:
          - name: RejectLabelled
            args:
              lable: drain
        """);
    assertThatThrownBy(() -> stage.scheduler().apply(typo)).isInstanceOf(ConfigError.class)
        .hasMessage("my.yaml: profiles[0].pluginConfig[0].args.lable: unknown field; did you mean label?");
  }

  @Test
  void nodeResourcesFitReadsItsScoringStrategyWithResourceWeightsAndRefusesWhatMiniSchedLacks() {
    Configurable stage = Scheduler.configurable(Registry.inTree());
    stage.scheduler().apply(profile(stage, """
        profiles:
        - pluginConfig:
          - name: NodeResourcesFit
            args:
              scoringStrategy:
                type: MostAllocated
                resources:
                - name: cpu
                  weight: 3
                - name: memory
        """));
    assertThatThrownBy(() -> stage.scheduler().apply(profile(stage, """
        profiles:
        - pluginConfig:
          - name: NodeResourcesFit
            args:
              scoringStrategy:
                type: RequestedToCapacityRatio
        """))).hasMessage("my.yaml: profiles[0].pluginConfig[0].args.scoringStrategy.type: \"RequestedToCapacityRatio\" "
            + "is upstream's, but not in minisched yet; minisched has LeastAllocated and MostAllocated");
    assertThatThrownBy(() -> stage.scheduler().apply(profile(stage, """
        profiles:
        - pluginConfig:
          - name: NodeResourcesFit
            args:
              scoringStrategy:
                type: Fancy
        """))).hasMessage("my.yaml: profiles[0].pluginConfig[0].args.scoringStrategy.type: Unsupported value: "
            + "\"Fancy\": supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\"");
    assertThatThrownBy(() -> stage.scheduler().apply(profile(stage, """
        profiles:
        - pluginConfig:
          - name: NodeResourcesFit
            args:
              scoringStrategy:
                resources:
                - name: cpu
                  weight: 101
        """))).hasMessage("my.yaml: profiles[0].pluginConfig[0].args.scoringStrategy.resources[0].weight: "
            + "resource weight of cpu not in valid range (0, 100]: 101");
    assertThatThrownBy(() -> stage.scheduler().apply(profile(stage, """
        profiles:
        - pluginConfig:
          - name: NodeResourcesFit
            args:
              ignoredResources: [example.com/foo]
        """))).hasMessage("my.yaml: profiles[0].pluginConfig[0].args.ignoredResources: not in minisched yet");
    assertThatThrownBy(() -> stage.scheduler().apply(profile(stage, """
        profiles:
        - pluginConfig:
          - name: NodeNumber
            args:
              permitDelay: true
        """))).hasMessage("my.yaml: profiles[0].pluginConfig[0].args.permitDelay: unknown field; "
            + "this plugin takes no args here");
  }
}
