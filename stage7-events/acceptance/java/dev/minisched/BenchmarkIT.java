package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.bench.BenchResult;
import dev.minisched.scenarios.bench.Benchmark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark at a small size (50 nodes, 50 placed pods, 100 measured; one round; latency at
 * 100 pods/s) on the binaries backend: this stage as a child JVM, upstream's kube-scheduler with
 * the same plugins and with its defaults if its binary is there (CI builds it), and both raw-binding
 * ceilings. Only that every contender bound every pod and that the report printed is checked;
 * timings are printed, never asserted.
 */
class BenchmarkIT {

  @Test
  void everyContenderBindsEveryPodAndTheReportPrints() {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    BenchResult result = Benchmark.run(Main.STAGE, Settings.with(Map.of(
        "bench.workloads", "50:50:100", "bench.rounds", "1", "bench.timeout", "60", "bench.rate", "100")),
        new PrintStream(report, true, StandardCharsets.UTF_8));
    String text = report.toString(StandardCharsets.UTF_8);
    System.out.println(text);

    assertThat(result.allRuns()).isNotEmpty().allSatisfy(run ->
        assertThat(run.bound()).as(run.contender() + " round " + run.round()).isEqualTo(run.measured()));
    assertThat(result.workloads()).allSatisfy(workload -> {
      assertThat(workload.latencyRuns()).isNotEmpty().allSatisfy(run ->
          assertThat(run.bound()).as(run.contender() + " at " + run.targetRate() + "/s").isEqualTo(run.measured()));
      assertThat(workload.contenders()).allSatisfy(contender -> assertThat(text).contains(contender));
    });
    assertThat(text).contains("steady", "ratios of the medians", "latency:", "How to read it:", "in span");
    // every contender that writes Events has them counted at its last binding; raw binding writes none
    assertThat(result.allRuns()).allSatisfy(run -> assertThat(run.scheduledEvents().isPresent())
        .as(run.contender()).isEqualTo(!run.contender().equals("raw binding")));
    // the binaries backend's kube-apiserver and etcd are this JVM's children: their CPU is read for every run
    assertThat(text).contains("API+etcd");
    assertThat(result.allRuns()).allSatisfy(run -> assertThat(run.controlPlaneCpu()).as(run.contender())
        .hasValueSatisfying(cpu -> assertThat(cpu).isPositive()));
    // one file for both: with kube-scheduler there, the stage ran upstream's "same plugins" file
    assertThat(result.stageRunsUpstreamFile()).isEqualTo(result.kubeSchedulerVersion().isPresent());
    if (result.stageRunsUpstreamFile()) {
      assertThat(text).contains("stage profile: upstream's \"same plugins\" file itself");
    }
  }
}
