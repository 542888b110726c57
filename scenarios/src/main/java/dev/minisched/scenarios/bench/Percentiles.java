package dev.minisched.scenarios.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;

/**
 * The 50th, 90th and 99th percentile of a set of durations, by the nearest-rank method: the
 * value below which p % of the samples lie. With a thousand exact samples, sorting them is all
 * it takes; a histogram library would only add rounding.
 */
public record Percentiles(Duration p50, Duration p90, Duration p99) {

  static Percentiles of(Collection<Duration> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    long[] nanos = samples.stream().mapToLong(Duration::toNanos).toArray();
    Arrays.sort(nanos);
    return new Percentiles(rank(nanos, 50), rank(nanos, 90), rank(nanos, 99));
  }

  private static Duration rank(long[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length); // 1-based
    return Duration.ofNanos(sorted[Math.max(rank, 1) - 1]);
  }
}
