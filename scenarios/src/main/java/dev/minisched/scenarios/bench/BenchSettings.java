package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The knobs of a benchmark run, read like every other setting ({@code -Dminisched.bench.nodes=500}
 * or {@code MINISCHED_BENCH_NODES=500}).
 *
 * @param nodes how many nodes to create, named node0 … node(N-1)
 * @param pods how many pending pods to create before each contender starts
 * @param workers concurrent requests for creating the workload and for the raw-binding baseline
 * @param kubeScheduler upstream's binary, if there is one to compare with
 * @param timeout how long one contender may take to bind every pod
 * @param permitDelays pods named so that minisched's NodeNumber permit holds them (see {@link Workload})
 */
public record BenchSettings(int nodes, int pods, int workers, Optional<Path> kubeScheduler, Duration timeout,
    boolean permitDelays) {
  /** Where .ci/setup-host.sh builds upstream's kube-scheduler. */
  static final Path DEFAULT_KUBE_SCHEDULER =
      Path.of(System.getProperty("user.home"), ".cache", "minisched", "bin", "kube-scheduler");

  public static BenchSettings from(Settings settings) {
    Optional<Path> kubeScheduler = settings.get("bench.kubeScheduler").map(Path::of)
        .or(() -> Optional.of(DEFAULT_KUBE_SCHEDULER).filter(Files::isExecutable));
    kubeScheduler.filter(p -> !Files.isExecutable(p)).ifPresent(p -> {
      throw new UserError(Settings.property("bench.kubeScheduler") + "=" + p + " is not an executable file");
    });
    return new BenchSettings(
        positive(settings, "bench.nodes", 500),
        positive(settings, "bench.pods", 1000),
        positive(settings, "bench.workers", 16),
        kubeScheduler,
        settings.seconds("bench.timeout", Duration.ofMinutes(5)),
        settings.flag("bench.permitDelays"));
  }

  private static int positive(Settings settings, String key, int defaultValue) {
    String raw = settings.get(key, String.valueOf(defaultValue));
    try {
      int value = Integer.parseInt(raw);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // the message below says what is wanted
    }
    throw new UserError(Settings.property(key) + "=" + raw + " is not a positive whole number; e.g. -D"
        + Settings.property(key) + "=" + defaultValue);
  }
}
