package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.PodOutcome;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import org.junit.jupiter.api.Test;

/** Stage 4 on a real API server: PreScore and Score send podN to nodeN. */
class PreScoreStageIT {

  @Test
  void defaultScenarioSendsPodNToNodeN() {
    RunResult result = ScenarioRunner.run(Main.STAGE, Main.STAGE.defaultScenario(), Settings.fromEnvironment());

    assertThat(result.pods()).hasSize(9).allMatch(PodOutcome::isBound);
    for (PodOutcome pod : result.pods()) {
      assertThat(pod.node()).as(pod.name()).isEqualTo("node" + pod.name().substring("pod".length()));
    }
  }
}
