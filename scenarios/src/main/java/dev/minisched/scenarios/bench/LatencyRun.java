package dev.minisched.scenarios.bench;

/**
 * One contender's run of one workload with its measured pods created at a fixed rate, after it
 * had bound a first probe pod (so it was up): creation request sent → binding seen by the watch.
 *
 * @param contender the contender's name
 * @param targetRate the creation rate asked for, pods/s
 * @param achievedRate the creation rate reached, pods/s (the harness may fall behind a high one)
 * @param measured how many measured pods there were
 * @param bound how many of them were bound within the timeout
 * @param latency percentiles over the bound ones
 */
public record LatencyRun(String contender, double targetRate, double achievedRate, int measured, int bound,
    Percentiles latency) {}
