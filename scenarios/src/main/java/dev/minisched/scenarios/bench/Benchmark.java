package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stage;
import dev.minisched.scenarios.UserError;
import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.VersionApi;
import java.io.IOException;
import java.util.Optional;
import okhttp3.Response;

/**
 * "How fast is this next to the real thing?" One control plane; on it, one contender after the
 * other gets the same workload on a cleared cluster (see {@link Workload}) and binds every pod:
 * the stage's scheduler in this JVM, upstream's kube-scheduler as a child process with default
 * and with raised client limits (when its binary is there), and the raw-binding baseline. Then
 * {@link BenchReport} prints what each took. Nothing is asserted: numbers are for reading.
 *
 * <p>Runs on the caller's thread, which owns every contender in turn.
 */
public final class Benchmark {
  private Benchmark() {}

  /** Runs the benchmark for the stage and prints the report. Uses the binaries backend unless told. */
  public static BenchResult run(Stage stage, Settings settings) {
    BenchSettings bench = BenchSettings.from(settings);
    Workload workload = new Workload(bench.nodes(), bench.pods(), bench.workers(), bench.permitDelays());
    if (bench.kubeScheduler().isEmpty()) {
      System.out.printf("[bench] no kube-scheduler to compare with: set -D%s=PATH (.ci/setup-host.sh builds one at %s)%n",
          Settings.property("bench.kubeScheduler"), BenchSettings.DEFAULT_KUBE_SCHEDULER);
    }
    ControlPlane controlPlane = ControlPlanes.start(settings.withDefault("backend", "binaries"));
    Thread ctrlC = new Thread(controlPlane::close, "minisched-bench-teardown");
    Runtime.getRuntime().addShutdownHook(ctrlC);
    try (controlPlane) {
      if (controlPlane.isShared()) {
        throw new UserError("the benchmark deletes every node and pod between contenders, so it runs only on a "
            + "control plane of its own: select -D" + Settings.property("backend") + "=binaries or containers");
      }
      Race race = new Race(controlPlane, workload, bench);
      race.warmUp();
      // Twice: a JVM runs new code interpreted until the JIT has compiled it, which a 3-second
      // race never outgrows. Upstream's Go binary is compiled ahead of time; the warm run is the
      // fair comparison, the cold one is what a fresh `mvn exec:java` feels like.
      ContenderResult stageCold = race.run(new MiniSchedContender(stage, "in-process, cold JVM"));
      ContenderResult stageResult = race.run(new MiniSchedContender(stage, "in-process, warm JVM"));
      Optional<ContenderResult> upstream = bench.kubeScheduler().map(p -> race.run(new UpstreamScheduler(p, false)));
      Optional<ContenderResult> raised = bench.kubeScheduler().map(p -> race.run(new UpstreamScheduler(p, true)));
      ContenderResult ceiling = race.run(new RawBinder(workload, bench.workers()));
      BenchResult result = new BenchResult(bench, controlPlane.description(), race.protocol(), stageCold, stageResult,
          upstream, raised, ceiling);
      BenchReport.print(result, System.out);
      return result;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(ctrlC);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook closes the control plane
      }
    }
  }

  /** One contender at a time on the shared control plane, with the harness's own client. */
  private record Race(ControlPlane controlPlane, Workload workload, BenchSettings bench, ApiClient client) {
    Race(ControlPlane controlPlane, Workload workload, BenchSettings bench) {
      this(controlPlane, workload, bench, controlPlane.newClient());
    }

    ContenderResult run(Contender contender) {
      return unchecked(contender.name(), () -> race(contender));
    }

    /** A step that may fail with the API server's refusal or an interruption. */
    private interface Step<T> {
      T run() throws Exception;
    }

    private static <T> T unchecked(String what, Step<T> step) {
      try {
        return step.run();
      } catch (ApiException e) {
        throw new IllegalStateException(what + ": HTTP " + e.getCode() + " " + e.getResponseBody(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(what + ": interrupted", e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(what + ": " + e, e);
      }
    }

    private ContenderResult race(Contender contender) throws Exception {
      CoreV1Api api = new CoreV1Api(client);
      System.out.printf("[bench] %s: clearing the cluster, creating %d nodes and %d pods…%n",
          contender.name(), workload.nodes(), workload.pods());
      workload.clear(api);
      Workload.Created created = workload.create(api, contender.schedulerName());
      try (BindingWatch watch = BindingWatch.start(client, workload.namespace(), workload.pods())) {
        long startedAt = System.nanoTime();
        try (Contender.Run run = contender.start(controlPlane)) {
          boolean allBound = watch.awaitAllBound(bench.timeout(), run::checkAlive);
          ResourceUse usage = run.usage();
          ContenderResult result = new ContenderResult(contender.name(), workload.pods(), created.nodesTook(),
              created.podsTook(), created.podCreatedAt(), startedAt, watch.boundAt(), usage);
          System.out.printf("[bench] %s: %s%n", contender.name(), allBound
              ? "all " + result.boundCount() + " pods bound"
              : "only " + result.boundCount() + " of " + workload.pods() + " pods bound within "
                  + bench.timeout().toSeconds() + " s");
          return result;
        }
      }
    }

    /**
     * Creates and clears the workload once, for nobody. In a fresh JVM the harness's own JSON and
     * HTTP code runs interpreted at first: without this the first contender's pods would be
     * created several times slower than the others', and wait longer before it starts.
     */
    void warmUp() {
      System.out.println("[bench] warming up the harness's client: creating the workload once, for nobody…");
      CoreV1Api api = new CoreV1Api(client);
      unchecked("warming up", () -> {
        workload.clear(api);
        return workload.create(api, "no-scheduler");
      });
    }

    /** The HTTP version client-java negotiates with the API server: h2 multiplexes one connection. */
    String protocol() {
      try (Response response = new VersionApi(client).getCode().buildCall(null).execute()) {
        return response.protocol().toString();
      } catch (IOException | ApiException e) {
        return "unknown (" + e.getMessage() + ")";
      }
    }
  }
}
