package dev.minisched.scenarios.bench;

import java.util.List;

/**
 * Everything measured on one workload: every throughput run, round by round, and the latency runs.
 *
 * @param workload the workload
 * @param contenders the contenders' names, in the order the report lists them
 * @param runs every throughput run
 * @param latencyRuns every latency run (none when they were switched off)
 */
public record WorkloadResult(Workload workload, List<String> contenders, List<ThroughputRun> runs,
    List<LatencyRun> latencyRuns) {

  /** One contender's throughput runs. */
  List<ThroughputRun> runsOf(String contender) {
    return runs.stream().filter(r -> r.contender().equals(contender)).toList();
  }
}
