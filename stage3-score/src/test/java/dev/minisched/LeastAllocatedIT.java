package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.PodOutcome;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The catalog's least-allocated scenario on a real API server: nine pods created one after the
 * other onto three equal nodes end three per node, because NodeResourcesFit's LeastAllocated score
 * always prefers the emptiest node (a random pick spreads that evenly less than one run in ten).
 */
class LeastAllocatedIT {

  @Test
  void podsCreatedOneByOneSpreadEvenly() {
    RunResult result = ScenarioRunner.run(Main.STAGE, "least-allocated", Settings.fromEnvironment());
    result.assertNoNodeOvercommitted();

    Map<String, Long> perNode = result.pods().stream()
        .collect(Collectors.groupingBy(PodOutcome::node, Collectors.counting()));
    assertThat(perNode).isEqualTo(Map.of("node-a", 3L, "node-b", 3L, "node-c", 3L));
  }
}
