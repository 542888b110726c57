package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The knobs of a benchmark run, read like every other setting ({@code -Dminisched.bench.rounds=5}
 * or {@code MINISCHED_BENCH_ROUNDS=5}).
 *
 * @param workloads the workloads, one table each (see {@link Workload#parse})
 * @param rounds how many times each contender runs each workload, each time on a fresh control plane
 * @param workers concurrent requests for creating the workload and for the raw-binding baselines
 * @param kubeScheduler upstream's binary, if there is one to compare with
 * @param timeout how long one contender may take to bind every pod of one run
 * @param latency whether to run the fixed-rate latency runs after the throughput rounds
 * @param rate the first fixed creation rate of the latency runs, pods per second
 * @param stageConfig a KubeSchedulerConfiguration for the stage ({@code -Dminisched.config}), if given
 */
public record BenchSettings(List<Workload> workloads, int rounds, int workers, Optional<Path> kubeScheduler,
    Duration timeout, boolean latency, int rate, Optional<Path> stageConfig) {
  /** Where .ci/setup-host.sh builds upstream's kube-scheduler. */
  static final Path DEFAULT_KUBE_SCHEDULER =
      Path.of(System.getProperty("user.home"), ".cache", "minisched", "bin", "kube-scheduler");

  public static BenchSettings from(Settings settings) {
    Optional<Path> kubeScheduler = settings.get("bench.kubeScheduler").map(Path::of)
        .or(() -> Optional.of(DEFAULT_KUBE_SCHEDULER).filter(Files::isExecutable));
    kubeScheduler.filter(p -> !Files.isExecutable(p)).ifPresent(p -> {
      throw new UserError(Settings.property("bench.kubeScheduler") + "=" + p + " is not an executable file");
    });
    List<Workload> workloads = Arrays.stream(settings.get("bench.workloads", "500Nodes,5000Nodes").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).map(Workload::parse).toList();
    if (workloads.isEmpty()) {
      throw new UserError(Settings.property("bench.workloads") + " names no workload; e.g. 500Nodes,5000Nodes");
    }
    return new BenchSettings(workloads,
        positive(settings, "bench.rounds", 3),
        positive(settings, "bench.workers", 16),
        kubeScheduler,
        settings.seconds("bench.timeout", Duration.ofMinutes(5)),
        !List.of("false", "0", "no").contains(settings.get("bench.latency", "true").toLowerCase(Locale.ROOT)),
        positive(settings, "bench.rate", 100),
        settings.get("config").map(Path::of));
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
