package dev.minisched.scenarios.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Prints a {@link BenchResult}, piece by piece as the benchmark goes: a header saying what ran
 * against what and how, then per workload one row per contender (median and range over the rounds), the ratios of the medians, and the
 * latency runs; then how to read it.
 */
final class BenchReport {
  private static final String ROW = "%-46s %7s %-11s %9s %7s %8s %8s %9s %11s%n";
  private static final String LATENCY_ROW = "%-46s %7s %10s %7s %7s %7s %11s%n";

  private BenchReport() {}

  /** What ran against what, and how: printed once, before the first workload's table. */
  static void header(BenchResult result, PrintStream out) {
    BenchSettings settings = result.settings();
    out.printf("%n== minisched benchmark: %s (kube-scheduler %s's plugins and semantics) against %s ==%n",
        result.stage(), KubeSchedulerConfiguration.RELEASE,
        result.kubeSchedulerVersion().map(v -> "kube-scheduler " + v).orElse("the raw-binding ceilings only"));
    result.kubeSchedulerVersion().flatMap(BenchReport::releaseProblem).ifPresent(problem -> out.println("WARNING " + problem));
    out.printf("control plane: a fresh one for every run, like the first: %s%n", result.controlPlane());
    result.kubeSchedulerVersion().ifPresent(v -> out.println("version skew: " + KubeVersion.skewProblem(v,
        result.apiServerVersion()).map(problem -> "WARNING " + problem)
        .orElse("kube-scheduler " + v + " with kube-apiserver " + result.apiServerVersion() + ": within policy")));
    out.printf("rounds: %d per contender and workload, the order rotated each round; the workload created with %d "
        + "concurrent requests before the contender starts%n", settings.rounds(), settings.workers());
    out.printf("nodes scored per pod: kube-scheduler percentageOfNodesToScore adaptive (0) → 50 - nodes/125 %% (at "
        + "least 5 %%, at least 100 nodes), parallelism %d; %s: %s%n", KubeSchedulerConfiguration.PARALLELISM,
        result.stage(), StageProcess.sampling(result.stageRunsUpstreamFile()));
    out.printf("logging during runs: %s slf4j-simple level %s (dev.minisched and the rest); kube-scheduler klog "
        + "verbosity 0 (default); nothing per pod%n", result.stage(), StageProcess.LOG_LEVEL);
    out.printf("stage profile: %s; upstream \"same plugins\": exactly the stage's real plugins and weights at their "
        + "%s extension points (file %s, qps/burst %d); upstream \"default plugins\": %s's default profile%n",
        result.stageProfile(), KubeSchedulerConfiguration.RELEASE, KubeSchedulerConfiguration.API_VERSION,
        UpstreamScheduler.RAISED_QPS, KubeSchedulerConfiguration.RELEASE);
  }

  /**
   * Why a kube-scheduler of another release is not the comparison the report claims: the file
   * names {@link KubeSchedulerConfiguration#RELEASE}'s plugins, and the stages follow its semantics.
   */
  static Optional<String> releaseProblem(String kubeSchedulerVersion) {
    Optional<KubeVersion> binary = KubeVersion.parse(kubeSchedulerVersion);
    Optional<KubeVersion> followed = KubeVersion.parse(KubeSchedulerConfiguration.RELEASE);
    if (binary.isPresent() && binary.equals(followed)) {
      return Optional.empty();
    }
    return Optional.of("kube-scheduler " + kubeSchedulerVersion + " is not " + KubeSchedulerConfiguration.RELEASE
        + ", the release the stages and the \"same plugins\" file follow");
  }

  /** One workload's table, ratios and latency runs. */
  static void workload(WorkloadResult result, PrintStream out) {
    Workload w = result.workload();
    out.printf("%n-- %s --%n", w.describe());
    int scored = nodesToScore(w.nodes());
    out.printf("nodes kube-scheduler scores per pod: %d of %d (%s)%n", scored, w.nodes(),
        w.nodes() < 100 ? "fewer than 100 nodes: all" : adaptivePercentage(w.nodes()) + " %, at least 100");
    out.printf(ROW, "", "steady", "", "start-up", "CPU", "peak", "events", "API+etcd", "bound");
    out.printf(ROW, "CONTENDER", "pods/s", "min–max", "s", "s", "MiB", "in span", "CPU s", "all rounds");
    for (String contender : result.contenders()) {
      List<ThroughputRun> runs = result.runsOf(contender);
      List<Double> rates = runs.stream().flatMap(r -> r.steadyRate().stream()).toList();
      out.printf(ROW, contender, Stats.median(rates).map(BenchReport::whole).orElse("-"),
          Stats.min(rates).map(BenchReport::whole).orElse("-") + "–" + Stats.max(rates).map(BenchReport::whole).orElse("-"),
          median(runs, r -> Optional.of(r.startUp().toMillis() / 1000.0)).map(BenchReport::twoDecimals).orElse("-"),
          median(runs, r -> r.usage().map(u -> u.cpu().toMillis() / 1000.0)).map(BenchReport::oneDecimal).orElse("-"),
          median(runs, r -> r.usage().map(u -> u.peakMemoryBytes() / (1024.0 * 1024.0))).map(BenchReport::whole)
              .orElse("-"),
          median(runs, r -> r.scheduledEvents().isPresent()
              ? Optional.of(100.0 * Math.min(r.scheduledEvents().getAsInt(), r.measured()) / r.measured())
              : Optional.empty()).map(p -> whole(p) + " %").orElse("-"),
          median(runs, r -> r.controlPlaneCpu().map(cpu -> cpu.toMillis() / 1000.0)).map(BenchReport::oneDecimal)
              .orElse("-"),
          runs.stream().mapToInt(ThroughputRun::bound).sum() + "/" + runs.stream().mapToInt(ThroughputRun::measured).sum());
    }
    out.println("ratios of the medians (steady pods/s; CPU s):");
    List<String> contenders = result.contenders();
    String stage = contenders.get(0);
    for (String other : contenders.subList(1, contenders.size())) {
      ratio(result, stage, other, out);
    }
    contenders.stream().filter(c -> c.contains("same plugins")).findFirst().ifPresent(upstream ->
        contenders.stream().filter(c -> c.contains("Scheduled event")).findFirst()
            .ifPresent(ceiling -> ratio(result, upstream, ceiling, out)));
    if (!result.latencyRuns().isEmpty()) {
      out.println("latency: measured pods created at a fixed rate once the scheduler is up; creation → bound");
      out.printf(LATENCY_ROW, "CONTENDER", "rate/s", "achieved/s", "p50 ms", "p90 ms", "p99 ms", "bound");
      for (LatencyRun run : result.latencyRuns()) {
        out.printf(LATENCY_ROW, run.contender(), whole(run.targetRate()), whole(run.achievedRate()),
            run.latency().p50().toMillis(), run.latency().p90().toMillis(), run.latency().p99().toMillis(),
            run.bound() + "/" + run.measured());
      }
    }
  }

  private static void ratio(WorkloadResult result, String a, String b, PrintStream out) {
    Optional<Double> rateA = Stats.median(result.runsOf(a).stream().flatMap(r -> r.steadyRate().stream()).toList());
    Optional<Double> rateB = Stats.median(result.runsOf(b).stream().flatMap(r -> r.steadyRate().stream()).toList());
    Optional<Double> cpuA = median(result.runsOf(a), r -> r.usage().map(u -> (double) u.cpu().toMillis()));
    Optional<Double> cpuB = median(result.runsOf(b), r -> r.usage().map(u -> (double) u.cpu().toMillis()));
    out.printf("  %s / %s: %s%s%n", a, b, divide(rateA, rateB),
        cpuA.isPresent() && cpuB.isPresent() ? "; CPU " + divide(cpuA, cpuB) : "");
  }

  private static String divide(Optional<Double> a, Optional<Double> b) {
    return a.isPresent() && b.isPresent() && b.get() > 0 ? String.format(Locale.ROOT, "%.2f×", a.get() / b.get()) : "-";
  }

  private static Optional<Double> median(List<ThroughputRun> runs, Function<ThroughputRun, Optional<Double>> figure) {
    return Stats.median(runs.stream().flatMap(r -> figure.apply(r).stream()).toList());
  }

  /** Upstream v1.34's numFeasibleNodesToFind (schedule_one.go) with percentageOfNodesToScore 0. */
  static int nodesToScore(int nodes) {
    if (nodes < 100) {
      return nodes;
    }
    return Math.max(nodes * adaptivePercentage(nodes) / 100, 100);
  }

  static int adaptivePercentage(int nodes) {
    return Math.max(50 - nodes / 125, 5);
  }

  /** How to read it, after the last table. */
  static void notes(BenchResult result, PrintStream out) {
    boolean latency = result.workloads().stream().anyMatch(w -> !w.latencyRuns().isEmpty());
    out.println();
    out.println("How to read it:");
    out.println("- Each row: one contender, a fresh control plane per run; the measured pods are pending before it starts.");
    out.println("- steady pods/s = (bound − 1) / (last binding − first binding) of the measured pods, as the harness's");
    out.println("  watch sees them: start-up left out. median and min–max over the rounds.");
    out.println("- start-up s: process start → first binding (JVM or Go start, informer sync, first cycle).");
    out.println("- CPU s and peak MiB: /proc utime+stime and VmHWM of the scheduler's process, read once all were bound,");
    out.println("  start-up included, for the stage's JVM and kube-scheduler alike. The raw binders run inside the");
    out.println("  harness and show none.");
    out.println("- API+etcd CPU s: utime+stime of kube-apiserver and etcd from the contender's start to its last binding");
    out.println("  (binaries backend): what the same work cost the control plane, which shares the machine's cores");
    out.println("  with the contender. The machine's cores ÷ (API+etcd CPU s ÷ measured pods) of the raw binder with");
    out.println("  events bounds what a scheduler speaking JSON, as client-java does, can reach here, even using no CPU");
    out.println("  itself; kube-scheduler speaks protobuf, which costs the control plane less.");
    out.println("- raw binding: pods/binding for each pod, 16 at a time, no scheduling: the API server's ceiling. With a");
    out.println("  Scheduled event for each, written off the binding path by 16 more workers with a bounded backlog:");
    out.println("  the ceiling for a scheduler that writes events, as both do.");
    out.println("- events in span: the Scheduled events the API server held when the last binding was seen, as a share");
    out.println("  of the measured pods (median); the rest were still queued in the contender, their cost left out of");
    out.println("  its steady pods/s.");
    if (latency) {
      out.println("- latency: pods created at a fixed rate after the scheduler bound a probe pod; the first rate is set,");
      out.println("  the second is " + Math.round(Benchmark.SECOND_RATE_SHARE * 100)
          + " % of the slowest scheduler's median steady pods/s, so every scheduler can keep up.");
    }
    out.println("- 2-core machines spread widely from run to run; compare medians, and read min–max as the noise.");
  }

  private static String whole(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }

  private static String oneDecimal(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String twoDecimals(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
