package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.PodOutcome;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Stage 5 on a real API server: NodeNumber's permit holds pod3 on node3 for 3 s, and pod1 —
 * created after it, held 1 s on node1 — is bound first, because binding runs apart from
 * scheduling.
 */
class PermitStageIT {

  @Test
  void aLaterPodWithAShorterPermitWaitIsBoundFirst() {
    RunResult result = ScenarioRunner.run(Main.STAGE, Main.STAGE.defaultScenario(), Settings.fromEnvironment());

    PodOutcome pod3 = result.pod("pod3");
    PodOutcome pod1 = result.pod("pod1");
    assertThat(pod3.node()).isEqualTo("node3");
    assertThat(pod1.node()).isEqualTo("node1");
    assertThat(pod1.created()).isAfter(pod3.created());
    assertThat(pod1.bound()).isBefore(pod3.bound());
    // Held 3 s after the decision, which came after the pod was created; well under the 10 s timeout.
    assertThat(pod3.timeToBind()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));
    assertThat(pod1.timeToBind()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
  }
}
