package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.PodOutcome;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Stage 6 on a real API server: a pod no node could take waits among the unschedulable pods, and
 * uncordoning a node does not help it until the leftover flush retries it (stage 7 fixes that).
 */
class QueueStageIT {

  @Test
  void anUnschedulablePodIsRetriedOnlyByTheLeftoverFlush() {
    RunResult result = ScenarioRunner.run(Main.STAGE, Main.STAGE.defaultScenario(), Settings.fromEnvironment());
    result.assertNoNodeOvercommitted();

    PodOutcome pod1 = result.pod("pod1");
    assertThat(pod1.node()).isEqualTo("node1");
    assertThat(result.events("pod1", "FailedScheduling")).isNotEmpty();

    Instant created = result.mark("pod1 created");
    Instant failed = result.mark("pod1 found unschedulable");
    Instant uncordoned = result.mark("node made schedulable");
    assertThat(pod1.bound()).isAfter(uncordoned);
    // Its last failure came after its creation, and the flush takes only pods parked for longer
    // than the timeout: binding the pod any sooner would mean the uncordon itself moved it.
    assertThat(Duration.between(created, pod1.bound()))
        .isGreaterThan(SchedulingQueue.DEFAULT_UNSCHEDULABLE_TIMEOUT);
    // The flush runs every LEFTOVER_FLUSH_INTERVAL; allow a few seconds for the cycle and binding.
    assertThat(Duration.between(failed, pod1.bound())).isLessThan(SchedulingQueue.DEFAULT_UNSCHEDULABLE_TIMEOUT
        .plus(SchedulingQueue.LEFTOVER_FLUSH_INTERVAL).plusSeconds(5));
  }
}
