package dev.minisched.scenarios.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prints a {@link BenchResult}: one row per contender, the ratios of the stage to upstream and to
 * the ceiling, and how each figure was measured.
 */
final class BenchReport {
  private static final String ROW = "%-42s %7s %7s %7s %7s %8s %8s %7s %7s %7s %7s %8s %9s%n";

  private BenchReport() {}

  static void print(BenchResult result, PrintStream out) {
    BenchSettings settings = result.settings();
    out.printf("%n== minisched benchmark: %d nodes, %d pending pods; %s ==%n",
        settings.nodes(), settings.pods(), result.controlPlane());
    out.printf("client-java ↔ API server over %s; workload created with %d concurrent requests; pods named %s%n%n",
        result.protocol(), settings.workers(), settings.permitDelays()
            ? "podN (NodeNumber's permit holds most of them 1-9 s)" : "podN-0 (NodeNumber's permit holds none)");
    out.printf(ROW, "", "create", "create", "first", "all", "steady", "overall", "p50", "p90", "p99", "CPU", "peak", "");
    out.printf(ROW, "CONTENDER", "nodes s", "pods s", "bound s", "bound s", "pods/s", "pods/s",
        "s", "s", "s", "s", "MiB", "bound");
    for (ContenderResult c : result.all()) {
      Optional<Percentiles> latency = c.latency();
      out.printf(ROW, c.name(), seconds(c.nodesCreated()), seconds(c.podsCreated()),
          c.firstBinding().map(BenchReport::seconds).orElse("-"), c.lastBinding().map(BenchReport::seconds).orElse("-"),
          c.steadyRate().map(BenchReport::rate).orElse("-"), c.overallRate().map(BenchReport::rate).orElse("-"),
          latency.map(p -> seconds(p.p50())).orElse("-"), latency.map(p -> seconds(p.p90())).orElse("-"),
          latency.map(p -> seconds(p.p99())).orElse("-"), seconds(c.usage().cpu()),
          String.format(Locale.ROOT, "%.0f", c.usage().peakMemoryBytes() / (1024.0 * 1024.0)),
          c.boundCount() + "/" + c.pods());
    }
    out.println();
    for (ContenderResult stage : java.util.List.of(result.stageCold(), result.stage())) {
      result.upstreamRaised().ifPresent(upstream -> ratios(stage, upstream, out));
      ratios(stage, result.ceiling(), out);
    }
    notes(result, out);
  }

  private static void ratios(ContenderResult stage, ContenderResult other, PrintStream out) {
    out.printf("%s / %s: steady %s, overall %s, p50 latency %s, CPU %s%n", stage.name(), other.name(),
        ratio(stage, other, c -> c.steadyRate()), ratio(stage, other, c -> c.overallRate()),
        ratio(stage, other, c -> c.latency().map(p -> (double) p.p50().toNanos())),
        ratio(stage, other, c -> Optional.of((double) c.usage().cpu().toNanos())));
  }

  private static String ratio(ContenderResult a, ContenderResult b, Function<ContenderResult, Optional<Double>> figure) {
    Optional<Double> x = figure.apply(a);
    Optional<Double> y = figure.apply(b).filter(v -> v > 0);
    return x.isPresent() && y.isPresent() ? String.format(Locale.ROOT, "%.2f×", x.get() / y.get()) : "-";
  }

  private static void notes(BenchResult result, PrintStream out) {
    out.println();
    out.println("How to read it:");
    out.println("- Pods are created before each contender starts; \"first/all bound\" count from its start.");
    out.println("- steady pods/s = (bound - 1) / (last binding - first binding): the contender's start-up");
    out.println("  (process start, informer sync, first cycle) is left out. overall pods/s includes it.");
    out.println("- p50/p90/p99: create request sent → binding seen by the harness's watch; it includes the");
    out.println("  time a pod waited for the contender to start.");
    result.all().stream().map(c -> c.usage().howMeasured()).distinct().forEach(how -> out.println("- "
        + result.all().stream().filter(c -> c.usage().howMeasured().equals(how)).map(ContenderResult::name)
            .collect(Collectors.joining(", ")) + ": " + how));
    out.println("- The raw binder binds pod i to node i mod N with no scheduling logic: the API server's ceiling.");
    out.println("- Contenders run one after the other in this order. The harness first creates the workload once");
    out.println("  for nobody, to warm up its own client. The stage runs twice: first with its own code cold");
    out.println("  (interpreted until the JIT compiles it), then again, on a fresh cluster state, warm.");
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2f", d.toNanos() / 1e9);
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%.0f", perSecond);
  }
}
