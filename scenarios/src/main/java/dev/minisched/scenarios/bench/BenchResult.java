package dev.minisched.scenarios.bench;

import java.util.List;
import java.util.Optional;

/**
 * Everything one benchmark run measured.
 *
 * @param settings what it ran with
 * @param stage the stage module
 * @param stageProfile where the stage's profile came from, in words
 * @param stageRunsUpstreamFile true if the stage ran upstream's "same plugins" file
 * @param controlPlane the first run's control plane, in words (every run had a fresh one like it)
 * @param apiServerVersion kube-apiserver's version, e.g. v1.34.4
 * @param kubeSchedulerVersion upstream's version, if its binary was there
 * @param workloads one result per workload
 */
public record BenchResult(BenchSettings settings, String stage, String stageProfile, boolean stageRunsUpstreamFile,
    String controlPlane, String apiServerVersion,
    Optional<String> kubeSchedulerVersion, List<WorkloadResult> workloads) {

  /** Every throughput run of every workload. */
  public List<ThroughputRun> allRuns() {
    return workloads.stream().flatMap(w -> w.runs().stream()).toList();
  }
}
