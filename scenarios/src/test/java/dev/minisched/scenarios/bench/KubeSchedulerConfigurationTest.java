package dev.minisched.scenarios.bench;

import static dev.minisched.scenarios.config.ExtensionPoint.FILTER;
import static dev.minisched.scenarios.config.ExtensionPoint.PERMIT;
import static dev.minisched.scenarios.config.ExtensionPoint.PRE_SCORE;
import static dev.minisched.scenarios.config.ExtensionPoint.QUEUE_SORT;
import static dev.minisched.scenarios.config.ExtensionPoint.RESERVE;
import static dev.minisched.scenarios.config.ExtensionPoint.SCORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.scenarios.config.ConfigFile;
import dev.minisched.scenarios.config.Configurable;
import dev.minisched.scenarios.config.ExtensionPoint;
import dev.minisched.scenarios.config.KubeSchedulerProfile;
import dev.minisched.scenarios.config.Profile;
import dev.minisched.scenarios.config.SchedulerConfiguration;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The v1 file kube-scheduler v1.34 and a stage both read: its points, and that the stage takes it as it is. */
class KubeSchedulerConfigurationTest {
  private static final dev.minisched.scenarios.differential.Profile REAL = UpstreamProfiles.STAGE7_REAL_PLUGINS;

  @Test
  void eachPluginRunsAtTheV134PointsItImplementsForWhatTheProfileUsesItFor() {
    KubeSchedulerConfiguration file = KubeSchedulerConfiguration.exactly(REAL, "minisched");

    assertThat(file.preFilter()).containsExactly("NodeAffinity", "NodeResourcesFit");
    assertThat(file.filter()).containsExactly("NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit");
    assertThat(file.preScore()).containsExactly("TaintToleration", "NodeAffinity", "NodeResourcesFit",
        "NodeResourcesBalancedAllocation");
    assertThat(file.score()).containsExactlyEntriesOf(REAL.scores());
    assertThat(file.percentageOfNodesToScore()).isEqualTo(100);
    // a plugin only filtering gets no PreScore, one only scoring no PreFilter
    KubeSchedulerConfiguration some = KubeSchedulerConfiguration.exactly(
        dev.minisched.scenarios.differential.Profile.of(List.of("NodeAffinity")).score("NodeResourcesFit", 1), "x");
    assertThat(some.preFilter()).containsExactly("NodeAffinity");
    assertThat(some.preScore()).containsExactly("NodeResourcesFit");
  }

  @Test
  void aPluginV134HasNotIsRefused() {
    assertThatThrownBy(() -> KubeSchedulerConfiguration.exactly(
        dev.minisched.scenarios.differential.Profile.of(List.of("NodeUnschedulable")).score("NodeNumber", 1), "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no score plugin NodeNumber");
    assertThatThrownBy(() -> KubeSchedulerConfiguration.exactly(
        dev.minisched.scenarios.differential.Profile.of(List.of("NodeResourcesBalancedAllocation")), "x"))
        .hasMessageContaining("no filter plugin NodeResourcesBalancedAllocation");
  }

  @Test
  void theFileIsV1AndDisablesEveryDefaultMultiPointIncluded() {
    String yaml = KubeSchedulerConfiguration.exactly(REAL, "minisched").yaml(Path.of("/k/config"));

    assertThat(yaml).startsWith("apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n")
        .contains("    preFilter:\n      disabled:\n      - name: \"*\"\n      enabled:\n      - name: NodeAffinity\n"
            + "      - name: NodeResourcesFit\n    filter:\n")
        .contains("    queueSort:\n      disabled:\n      - name: \"*\"\n      enabled:\n      - name: PrioritySort\n")
        .contains("    postFilter:\n      disabled:\n      - name: \"*\"\n    preScore:")
        .contains("    bind:\n      disabled:\n      - name: \"*\"\n      enabled:\n      - name: DefaultBinder\n")
        .doesNotContain("healthzBindAddress", "metricsBindAddress", "NodeResourcesLeastAllocated");
    for (String point : List.of("multiPoint", "preEnqueue", "queueSort", "preFilter", "filter", "postFilter",
        "preScore", "score", "reserve", "permit", "preBind", "bind", "postBind")) {
      assertThat(yaml).as(point).contains("    " + point + ":\n      disabled:\n      - name: \"*\"\n");
    }
  }

  /**
   * A stage with stage 7's registry (as data: its plugins and their points) reads the file as it
   * is and runs exactly its plugins: the toy NodeNumber and Coscheduling stay off, the weights are
   * the file's, and upstream's process fields and the points minisched has not are only noted.
   */
  @Test
  void aStageWithStage7sPluginsReadsTheFileAsItIsAndRunsExactlyItsPlugins() {
    Map<String, Set<ExtensionPoint>> registry = new LinkedHashMap<>();
    registry.put("PrioritySort", EnumSet.of(QUEUE_SORT));
    registry.put("NodeUnschedulable", EnumSet.of(FILTER));
    registry.put("TaintToleration", EnumSet.of(FILTER, PRE_SCORE, SCORE));
    registry.put("NodeAffinity", EnumSet.of(FILTER, PRE_SCORE, SCORE));
    registry.put("NodeResourcesFit", EnumSet.of(FILTER, PRE_SCORE, SCORE));
    registry.put("NodeResourcesBalancedAllocation", EnumSet.of(PRE_SCORE, SCORE));
    registry.put("Coscheduling", EnumSet.of(RESERVE, PERMIT));
    registry.put("NodeNumber", EnumSet.of(PRE_SCORE, SCORE, PERMIT));
    KubeSchedulerProfile.Builder defaults = KubeSchedulerProfile.builder();
    registry.keySet().forEach(defaults::multiPoint);
    Configurable stage = new Configurable(defaults.build(), registry, profile -> (client, name) -> () -> { });

    SchedulerConfiguration read = ConfigFile.parse("the file", KubeSchedulerConfiguration.exactly(REAL, "minisched")
        .yaml(Path.of("/k/config")), "stage7-events", stage);
    Profile profile = read.profile();

    assertThat(profile.enabled(QUEUE_SORT)).containsExactly("PrioritySort");
    assertThat(profile.enabled(FILTER)).containsExactly("NodeUnschedulable", "TaintToleration", "NodeAffinity",
        "NodeResourcesFit");
    assertThat(profile.enabled(PRE_SCORE)).containsExactly("TaintToleration", "NodeAffinity", "NodeResourcesFit",
        "NodeResourcesBalancedAllocation");
    assertThat(profile.enabled(SCORE)).containsExactly("TaintToleration", "NodeAffinity", "NodeResourcesFit",
        "NodeResourcesBalancedAllocation");
    assertThat(profile.weights()).containsExactlyEntriesOf(REAL.scores());
    assertThat(profile.enabled(RESERVE)).isEmpty();
    assertThat(profile.enabled(PERMIT)).isEmpty();
    assertThat(profile.pluginNames()).doesNotContain("NodeNumber", "Coscheduling");
    assertThat(profile.percentageOfNodesToScore()).hasValue(100);
    assertThat(read.notes()).singleElement().asString()
        .contains("clientConnection", "leaderElection", "preFilter extension point (NodeAffinity, NodeResourcesFit");
  }
}
