package dev.minisched;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.Scenario;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration file changes where pods land, on a real API server, with the lesson's code
 * untouched: the same scenario runs with the default profile and with a file that disables
 * TaintToleration's filter and raises NodeNumber's weight to 5.
 *
 * <p>pod3 may go to node3, which has a PreferNoSchedule taint, or to node4: by default
 * TaintToleration (weight 3, 300 for node4) outweighs NodeNumber (weight 1, 100 for node3); with
 * NodeNumber at weight 5 (500), node3 wins. "pinned" selects only the node tainted NoSchedule: by
 * default TaintToleration's filter rejects it, and the pod stays pending; with that filter off it
 * is bound there.
 */
class ProfileIT {
  static final String CONFIG = """
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
      - schedulerName: minisched
        plugins:
          filter:
            disabled:
            - name: TaintToleration
          score:
            enabled:
            - name: NodeNumber
              weight: 5
      """;

  @Test
  void aFileThatDisablesAFilterAndReweightsAScoreChangesThePlacement(@TempDir Path dir) throws IOException {
    RunResult defaults = ScenarioRunner.run(Main.STAGE, new TaintsAndDigits(false), Settings.fromEnvironment());
    assertThat(defaults.pod("pod3").node()).isEqualTo("node4");
    assertThat(defaults.pod("pinned").isBound()).isFalse();

    Path file = Files.writeString(dir.resolve("profile.yaml"), CONFIG);
    RunResult configured = ScenarioRunner.run(Main.STAGE, new TaintsAndDigits(true),
        Settings.with(Map.of("config", file.toString())));
    configured.assertNoNodeOvercommitted();
    assertThat(configured.pod("pod3").node()).isEqualTo("node3");
    assertThat(configured.pod("pinned").node()).isEqualTo("tainted");
  }

  private record TaintsAndDigits(boolean configured) implements Scenario {
    @Override
    public String name() {
      return "taints-and-digits";
    }

    @Override
    public String description() {
      return "pod3 between node3 (PreferNoSchedule) and node4; a pod pinned to a NoSchedule node";
    }

    @Override
    public void run(Cluster cluster) {
      cluster.createNode(node("node3").taint("maintenance", "soon", "PreferNoSchedule"));
      cluster.createNode(node("node4"));
      cluster.createNode(node("tainted").label("only", "pinned").taint("dedicated", "x", "NoSchedule"));
      cluster.createPod(pod("pod3"));
      cluster.awaitBound("pod3", Duration.ofSeconds(30));
      cluster.createPod(pod("pinned").nodeSelector("only", "pinned"));
      if (configured) {
        cluster.awaitBound("pinned", Duration.ofSeconds(30));
      } else {
        cluster.log("FailedScheduling: " + cluster.awaitFailedScheduling("pinned", Duration.ofSeconds(30)));
      }
    }
  }
}
