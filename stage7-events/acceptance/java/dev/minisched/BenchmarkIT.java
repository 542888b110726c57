package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.bench.BenchResult;
import dev.minisched.scenarios.bench.Benchmark;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark at a small size (50 nodes, 100 pods) on the binaries backend: this stage,
 * upstream's kube-scheduler if its binary is there (CI builds it), and the raw-binding baseline.
 * Only that it ran and every pod was bound is checked; its timings are printed, never asserted.
 */
class BenchmarkIT {

  @Test
  void everyContenderBindsEveryPod() {
    BenchResult result = Benchmark.run(Main.STAGE, Settings.with(Map.of(
        "bench.nodes", "50", "bench.pods", "100", "bench.timeout", "60")));

    assertThat(result.all()).allSatisfy(contender ->
        assertThat(contender.boundCount()).as(contender.name()).isEqualTo(contender.pods()));
  }
}
