package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.ApiErrors;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stage;
import dev.minisched.scenarios.UserError;
import dev.minisched.scenarios.config.ConfigError;
import dev.minisched.scenarios.config.ConfigFile;
import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.VersionApi;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * "How fast is this next to the real thing?" For each workload ({@link Workload}), in rounds,
 * each contender gets the same work on a fresh control plane of its own (the binaries backend
 * unless told otherwise: etcd and kube-apiserver start in seconds): the stage's scheduler as a
 * child JVM ({@link StageProcess}); upstream's kube-scheduler as a child process with the stage's
 * plugins and weights, and again with its release's default plugins; the raw-binding ceiling, and
 * the ceiling for a scheduler that writes an Event per pod ({@link RawBinder}). The order rotates
 * from round to round, so no contender always goes first. Then, optionally, each scheduler gets
 * the measured pods at a fixed rate to measure latency. {@link BenchReport} prints medians,
 * ranges and ratios. Nothing is asserted: numbers are for reading.
 *
 * <p>Runs on the caller's thread, which owns every contender and control plane in turn.
 */
public final class Benchmark {
  /** How long a latency run may wait for the contender to bind its probe pod (JVM and informers start). */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(120);
  /** The second latency rate, as a share of the slowest scheduler's median steady throughput. */
  static final double SECOND_RATE_SHARE = 0.8;

  private final Stage stage;
  private final BenchSettings bench;
  private final Settings controlPlaneSettings;
  private final PrintStream out;
  /** The control plane now running, for the Ctrl-C hook. */
  private final AtomicReference<ControlPlane> current = new AtomicReference<>();
  /** Upstream's "same plugins" file, for the stage too when the user gave it none and it reads it. */
  private final Optional<KubeSchedulerConfiguration> stageFile;
  private String controlPlaneDescription = "";
  private String apiServerVersion = "";

  private Benchmark(Stage stage, BenchSettings bench, Settings settings, PrintStream out) {
    this.stage = stage;
    this.bench = bench;
    this.controlPlaneSettings = settings.withDefault("backend", "binaries");
    this.out = out;
    this.stageFile = bench.stageConfig().isEmpty() && bench.kubeScheduler().isPresent()
        ? samePluginsFileFor(stage) : Optional.empty();
  }

  /**
   * Upstream's "same plugins" configuration, if the stage reads it (a stage before stage 6 has no
   * queue sort, which the file names): then both run one file.
   */
  static Optional<KubeSchedulerConfiguration> samePluginsFileFor(Stage stage) {
    KubeSchedulerConfiguration file = UpstreamProfiles.samePlugins();
    if (stage.configurable() == null) {
      return Optional.empty();
    }
    try {
      ConfigFile.parse("upstream's \"same plugins\" file", file.withSchedulerName(MiniSchedContender.SCHEDULER_NAME)
          .yaml(Path.of("kubeconfig")), stage.module(), stage.configurable());
      return Optional.of(file);
    } catch (ConfigError e) {
      System.out.printf("[bench] %s runs its default profile: %s%n", stage.module(), e.getMessage());
      return Optional.empty();
    }
  }

  /** The stage's profile, in words, for the report's header. */
  private String stageProfile() {
    if (bench.stageConfig().isPresent()) {
      return "-Dminisched.config=" + bench.stageConfig().get();
    }
    if (stageFile.isPresent()) {
      return "upstream's \"same plugins\" file itself (its profile named " + MiniSchedContender.SCHEDULER_NAME
          + " for the stage's pods)";
    }
    return "its default (the toy NodeNumber has nothing to do: names end in letters)";
  }

  /** Runs the benchmark for the stage and prints the report to stdout. */
  public static BenchResult run(Stage stage, Settings settings) {
    return run(stage, settings, System.out);
  }

  /** Runs the benchmark for the stage; progress goes to stdout, the report to {@code out}. */
  public static BenchResult run(Stage stage, Settings settings, PrintStream out) {
    BenchSettings bench = BenchSettings.from(settings);
    if (bench.kubeScheduler().isEmpty()) {
      System.out.printf("[bench] no kube-scheduler to compare with: set -D%s=PATH (.ci/setup-host.sh builds one at %s)%n",
          Settings.property("bench.kubeScheduler"), BenchSettings.DEFAULT_KUBE_SCHEDULER);
    }
    Benchmark benchmark = new Benchmark(stage, bench, settings, out);
    Thread ctrlC = new Thread(() -> Optional.ofNullable(benchmark.current.get()).ifPresent(ControlPlane::close),
        "minisched-bench-teardown");
    Runtime.getRuntime().addShutdownHook(ctrlC);
    try {
      // Each workload's table is printed as soon as it is done: a long run that is cut short
      // still leaves what it measured.
      List<WorkloadResult> results = new ArrayList<>();
      BenchResult result = null;
      for (Workload workload : bench.workloads()) {
        WorkloadResult done = benchmark.run(workload);
        results.add(done);
        result = new BenchResult(bench, stage.module(), benchmark.stageProfile(), benchmark.stageFile.isPresent(),
            benchmark.controlPlaneDescription,
            benchmark.apiServerVersion, bench.kubeScheduler().map(UpstreamScheduler::version), List.copyOf(results));
        if (results.size() == 1) {
          BenchReport.header(result, out);
        }
        BenchReport.workload(done, out);
      }
      BenchReport.notes(result, out);
      return result;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(ctrlC);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook closes the control plane
      }
    }
  }

  /** The contenders, in the order the report lists them; each round rotates it. */
  private List<Contender> contenders(Workload workload) {
    List<Contender> contenders = new ArrayList<>();
    contenders.add(new StageProcess(stage.module(), bench.stageConfig(), stageFile, bench.jfr()));
    bench.kubeScheduler().ifPresent(binary -> {
      contenders.add(new UpstreamScheduler(binary, "same plugins", UpstreamProfiles.samePlugins(), List.of()));
      contenders.add(new UpstreamScheduler(binary, "default plugins", UpstreamProfiles.defaultPlugins(), List.of()));
    });
    contenders.add(new RawBinder(workload, bench.workers(), false));
    contenders.add(new RawBinder(workload, bench.workers(), true));
    return contenders;
  }

  private WorkloadResult run(Workload workload) {
    List<Contender> contenders = contenders(workload);
    List<ThroughputRun> runs = new ArrayList<>();
    for (int round = 1; round <= bench.rounds(); round++) {
      List<Contender> order = new ArrayList<>(contenders);
      Collections.rotate(order, -(round - 1));
      for (Contender contender : order) {
        runs.add(throughput(workload, contender, round));
      }
    }
    List<String> names = contenders.stream().map(Contender::name).toList();
    List<LatencyRun> latencyRuns = new ArrayList<>();
    if (bench.latency()) {
      List<Contender> schedulers = contenders.stream().filter(c -> !(c instanceof RawBinder)).toList();
      double slowest = schedulers.stream()
          .mapToDouble(c -> Stats.median(runs.stream().filter(r -> r.contender().equals(c.name()))
              .flatMap(r -> r.steadyRate().stream()).toList()).orElse(0.0))
          .min().orElse(0);
      List<Double> rates = new ArrayList<>(List.of((double) bench.rate()));
      if (slowest * SECOND_RATE_SHARE >= 1) {
        rates.add(Math.floor(slowest * SECOND_RATE_SHARE));
      }
      for (double rate : rates) {
        for (Contender contender : schedulers) {
          latencyRuns.add(latency(workload, contender, rate));
        }
      }
    }
    return new WorkloadResult(workload, names, runs, latencyRuns);
  }

  /** A step that may fail with the API server's refusal or an interruption. */
  private interface Step<T> {
    T run(ControlPlane controlPlane, ApiClient client) throws Exception;
  }

  /** Runs {@code step} on a fresh control plane, stopped afterwards whatever happens. */
  private <T> T onFreshControlPlane(String what, Step<T> step) {
    try (ControlPlane controlPlane = ControlPlanes.start(controlPlaneSettings)) {
      current.set(controlPlane);
      if (controlPlane.isShared()) {
        throw new UserError("the benchmark needs a fresh control plane for each run: select -D"
            + Settings.property("backend") + "=binaries (default) or containers");
      }
      ApiClient client = controlPlane.newClient();
      if (apiServerVersion.isEmpty()) {
        controlPlaneDescription = controlPlane.description();
        apiServerVersion = new VersionApi(client).getCode().execute().getGitVersion();
      }
      return step.run(controlPlane, client);
    } catch (ApiException e) {
      throw new IllegalStateException(what + ": HTTP " + e.getCode() + " " + e.getResponseBody(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(what + ": " + e, e);
    } finally {
      current.set(null);
    }
  }

  /** The measured pods created first, then the contender started: how fast does it bind them? */
  private ThroughputRun throughput(Workload workload, Contender contender, int round) {
    String what = String.format(Locale.ROOT, "%s round %d/%d, %s", workload.name(), round, bench.rounds(),
        contender.name());
    return onFreshControlPlane(what, (controlPlane, client) -> {
      CoreV1Api api = new CoreV1Api(client);
      long setUp = System.nanoTime();
      workload.createCluster(api, bench.workers());
      workload.createMeasured(api, bench.workers(), contender.schedulerName());
      Duration setUpTook = Duration.ofNanos(System.nanoTime() - setUp);
      try (BindingWatch watch = BindingWatch.start(client, Workload.NAMESPACE, workload.measured(), workload::isMeasured)) {
        List<ProcessHandle> servers = controlPlane.localProcesses();
        Duration serversBefore = ProcessMeter.cpuOfTrees(servers);
        long startedAt = System.nanoTime();
        try (Contender.Run run = contender.start(controlPlane)) {
          watch.awaitAllBound(bench.timeout(), run::checkAlive);
          Optional<ProcessMeter.Usage> usage = run.usage();
          Optional<Duration> serversCpu = servers.isEmpty() ? Optional.empty()
              : Optional.of(ProcessMeter.cpuOfTrees(servers).minus(serversBefore));
          OptionalInt events = contender.writesEvents() ? OptionalInt.of(scheduledEvents(api)) : OptionalInt.empty();
          List<Long> bound = watch.boundAt().entrySet().stream().filter(e -> workload.isMeasured(e.getKey()))
              .map(Map.Entry::getValue).sorted().toList();
          ThroughputRun result = new ThroughputRun(contender.name(), round, workload.measured(), bound.size(),
              startedAt, bound.isEmpty() ? startedAt : bound.get(0),
              bound.isEmpty() ? startedAt : bound.get(bound.size() - 1), usage, events, serversCpu);
          System.out.printf(Locale.ROOT, "[bench] %s: %d/%d bound, steady %s pods/s, first binding after %.2f s, "
                  + "%s Scheduled events written by the last binding (workload created in %.1f s)%n", what,
              result.bound(), result.measured(),
              result.steadyRate().map(r -> String.format(Locale.ROOT, "%.0f", r)).orElse("-"),
              result.startUp().toMillis() / 1000.0, events.isPresent() ? String.valueOf(events.getAsInt()) : "no",
              setUpTook.toMillis() / 1000.0);
          return result;
        }
      }
    });
  }

  /**
   * The Scheduled events in the workload's namespace now. Read as the last binding is seen: a
   * contender whose events lag behind its bindings (an unbounded queue in front of a slow writer)
   * leaves part of its work after its measured span, and this shows how much.
   */
  private static int scheduledEvents(CoreV1Api api) {
    try {
      return api.listNamespacedEvent(Workload.NAMESPACE).fieldSelector("reason=Scheduled").execute().getItems().size();
    } catch (ApiException e) {
      throw ApiErrors.refused("count the Scheduled events", e);
    }
  }

  /** The contender up first (it has bound a probe pod), then the measured pods at a fixed rate. */
  private LatencyRun latency(Workload workload, Contender contender, double rate) {
    String what = String.format(Locale.ROOT, "%s latency at %.0f pods/s, %s", workload.name(), rate, contender.name());
    return onFreshControlPlane(what, (controlPlane, client) -> {
      CoreV1Api api = new CoreV1Api(client);
      workload.createCluster(api, bench.workers());
      try (BindingWatch watch = BindingWatch.start(client, Workload.NAMESPACE, workload.measured(), workload::isMeasured);
          Contender.Run run = contender.start(controlPlane)) {
        Workload.createPod(api, workload.pod(workload.probeName(), contender.schedulerName()));
        if (!watch.awaitBound(workload.probeName(), PROBE_TIMEOUT, run::checkAlive)) {
          throw new IllegalStateException(what + ": the probe pod was not bound within " + PROBE_TIMEOUT.toSeconds() + " s");
        }
        Map<String, Long> createdAt = createAtRate(api, workload, contender.schedulerName(), rate);
        watch.awaitAllBound(bench.timeout(), run::checkAlive);
        Map<String, Long> boundAt = watch.boundAt();
        List<Duration> latencies = createdAt.entrySet().stream().filter(e -> boundAt.containsKey(e.getKey()))
            .map(e -> Duration.ofNanos(boundAt.get(e.getKey()) - e.getValue())).toList();
        long firstCreate = Collections.min(createdAt.values());
        long lastCreate = Collections.max(createdAt.values());
        double achieved = (createdAt.size() - 1) / Math.max((lastCreate - firstCreate) / 1e9, 1e-9);
        if (latencies.isEmpty()) {
          throw new IllegalStateException(what + ": no measured pod was bound within " + bench.timeout().toSeconds() + " s");
        }
        LatencyRun result = new LatencyRun(contender.name(), rate, achieved, workload.measured(), latencies.size(),
            Percentiles.of(latencies));
        System.out.printf(Locale.ROOT, "[bench] %s: %d/%d bound, created at %.0f pods/s, p50 %d ms, p99 %d ms%n",
            what, result.bound(), result.measured(), achieved, result.latency().p50().toMillis(),
            result.latency().p99().toMillis());
        return result;
      }
    });
  }

  /**
   * Creates the measured pods at {@code rate} per second: pod i is due at start + i / rate; a
   * pacing thread (this one) hands each to the pool when due, and the worker notes the moment its
   * request is sent. When the API server is slower than the rate, pods queue in the pool and are
   * created late; the achieved rate shows it.
   */
  private Map<String, Long> createAtRate(CoreV1Api api, Workload workload, String schedulerName, double rate)
      throws InterruptedException {
    Map<String, Long> createdAt = new ConcurrentHashMap<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    ExecutorService pool = Parallel.pool(bench.workers(), "create-at-rate");
    try {
      long start = System.nanoTime();
      for (int i = 0; i < workload.measured() && failure.get() == null; i++) {
        long due = start + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait); // pacing, not a check: the rate is the point
        }
        String name = workload.measuredName(i);
        pool.execute(() -> {
          try {
            createdAt.put(name, System.nanoTime());
            Workload.createPod(api, workload.pod(name, schedulerName));
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          }
        });
      }
      pool.shutdown();
      if (!pool.awaitTermination(bench.timeout().toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("creating the pods took longer than " + bench.timeout().toSeconds() + " s");
      }
    } finally {
      pool.shutdownNow();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return createdAt;
  }
}
