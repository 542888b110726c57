package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.example.RejectLabelled;
import dev.minisched.plugins.Registry;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "write your own plugin" on a real API server: {@link RejectLabelled} joins the
 * registry, a profile file enables it and gives it its label, and the catalog's drain-label
 * scenario shows pods keeping off the labelled node: pod1, which NodeNumber would send to node1,
 * lands on node2, and a pod that selects node1 alone is not scheduled, with the plugin's reason
 * in its event. With the default profile, where the plugin is registered nowhere, both land on
 * node1.
 */
class OwnPluginIT {
  static final Stage WITH_OWN_PLUGIN = new Stage(Main.STAGE.module(), "own-plugin",
      Scheduler.configurable(Registry.inTree().with(RejectLabelled.NAME, RejectLabelled::fromArgs)));

  static final String CONFIG = """
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
      - plugins:
          multiPoint:
            enabled:
            - name: RejectLabelled
        pluginConfig:
        - name: RejectLabelled
          args:
            label: drain
      """;

  @Test
  void aProfileEnablesAPluginOfYourOwn(@TempDir Path dir) throws IOException {
    RunResult defaults = ScenarioRunner.run(Main.STAGE, "drain-label", Settings.fromEnvironment());
    assertThat(defaults.pod("pod1").node()).isEqualTo("node1");
    assertThat(defaults.pod("ssd-only").node()).isEqualTo("node1");

    Path file = Files.writeString(dir.resolve("my-profile.yaml"), CONFIG);
    RunResult result = ScenarioRunner.run(WITH_OWN_PLUGIN, "drain-label", Settings.with(Map.of("config", file.toString())));

    assertThat(result.pod("pod1").node()).isEqualTo("node2");
    assertThat(result.pod("ssd-only").isBound()).isFalse();
    assertThat(result.events("ssd-only", "FailedScheduling")).isNotEmpty()
        .allSatisfy(event -> assertThat(event.getMessage()).isEqualTo(
            "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had label drain."));
  }
}
