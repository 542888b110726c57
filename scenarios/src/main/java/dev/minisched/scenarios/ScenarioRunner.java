package dev.minisched.scenarios;

import dev.minisched.scenarios.bench.Benchmark;
import dev.minisched.scenarios.config.ConfigError;
import dev.minisched.scenarios.config.ConfigFile;
import dev.minisched.scenarios.config.ProfileYaml;
import dev.minisched.scenarios.config.SchedulerConfiguration;
import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import dev.minisched.scenarios.results.Explanation;
import dev.minisched.scenarios.results.ResultsMode;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Runs one scenario against one stage's scheduler:
 * start a control plane → set the scenario's stage ({@link Scenario#beforeSchedulerStarts}) →
 * start the scheduler → play the scenario → print the report → stop everything. Stopping happens on a normal end, on an error, and on Ctrl-C alike.
 *
 * <p>A stage's {@code main} is one line: {@code ScenarioRunner.main(STAGE, args)}. Tests call
 * {@link #run(Stage, String)}.
 */
public final class ScenarioRunner {
  static final String DEFAULT_SCHEDULER_NAME = "minisched";

  private ScenarioRunner() {}

  /** For a stage's main: runs, prints, and exits with 0 on success, non-zero otherwise. */
  public static void main(Stage stage, String[] args) {
    System.exit(commandLine(stage, args, Settings.fromEnvironment()));
  }

  static int commandLine(Stage stage, String[] args, Settings settings) {
    Settings.unknownWarnings().forEach(System.err::println);
    return exitCode(() -> {
      if (args.length > 0 && (args[0].equals("--list") || args[0].equals("--help"))) {
        System.out.println(usage(stage));
        return;
      }
      if (args.length > 0 && args[0].equals("--print-config")) {
        System.out.print(printConfig(stage, settings));
        return;
      }
      if (args.length > 0 && args[0].equals("schedule")) {
        SchedulerOnly.run(stage, settings);
        return;
      }
      if (args.length > 0 && args[0].equals("bench")) {
        // The benchmark times scheduling, not the writing of its record onto every pod.
        if (settings.get("results").isEmpty()) {
          System.setProperty(Settings.property("results"), "off");
        }
        System.out.println("[minisched] bench: -D" + Settings.property("results") + "="
            + ResultsMode.configured().name().toLowerCase(Locale.ROOT));
        Benchmark.run(stage, settings);
        return;
      }
      String scenario = args.length > 0 ? args[0] : settings.get("scenario", stage.defaultScenario());
      run(stage, scenario, settings);
    });
  }

  /**
   * Runs {@code run} as a command: 0 when it ends normally; 1 when it fails, after one line for a
   * {@link UserError} (its message says what to fix) or a stack trace for anything unexpected.
   */
  static int exitCode(Runnable run) {
    try {
      run.run();
      return 0;
    } catch (UserError e) {
      System.err.println("[minisched] " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      System.err.println("[minisched] unexpected failure, please report it:");
      e.printStackTrace();
      return 1;
    }
  }

  /** Runs the named scenario with settings from system properties and the environment. */
  public static RunResult run(Stage stage, String scenarioName) {
    return run(stage, scenarioName, Settings.fromEnvironment());
  }

  /**
   * Runs the named scenario. Throws {@link UserError} (a {@link ScenarioError} when the scenario
   * itself failed, after the report has been printed) for anything the user can act on.
   */
  public static RunResult run(Stage stage, String scenarioName, Settings settings) {
    return run(stage, Scenarios.byName(scenarioName), settings); // the name is checked first
  }

  /** Runs a scenario that need not be in the catalog: tests use their own. */
  public static RunResult run(Stage stage, Scenario scenario, Settings settings) {
    boolean keepRunning = settings.flag("keepRunning");
    System.out.printf("[minisched] %s: scenario %s — %s%n", stage.module(), scenario.name(), scenario.description());
    // The file is read and checked before anything starts: a mistake in it costs nothing.
    SchedulerConfiguration config = configuration(stage, scenario, settings);
    String schedulerName = schedulerName(config, settings);
    SchedulerFactory factory = stage.scheduler();
    if (config != null) {
      config.notes().forEach(note -> System.out.println("[minisched] " + note));
      factory = stage.configurable().scheduler().apply(config.profile());
      System.out.printf("[minisched] profile from %s: %s%n", config.source(), config.profile().describe());
    }

    Teardown teardown = new Teardown();
    Thread hook = new Thread(teardown::run, "minisched-teardown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ControlPlane controlPlane = ControlPlanes.forScenario(settings);
      teardown.push(controlPlane::stop);

      ApiClient client = controlPlane.newClient();
      CoreV1Api api = new CoreV1Api(client);
      String namespace = "default";
      NodeFence fence = NodeFence.NONE;
      if (controlPlane.isShared()) {
        SharedRun run = SharedRun.begin(api);
        teardown.push(() -> {
          run.close(); // says itself if the namespace could not be deleted
          return Stopped.removed("namespace " + run.id());
        });
        namespace = run.id();
        fence = run.fence();
        System.out.printf("[minisched] scenario pods go to namespace %s: kubectl --kubeconfig %s -n %s get pods -w%n",
            namespace, controlPlane.kubeconfig(), namespace);
        System.out.printf("[minisched] scenario nodes carry the label %s=%s and the taint %s:NoSchedule, "
            + "which only scenario pods tolerate%n", NodeFence.RUN_LABEL, run.id(), NodeFence.TAINT_KEY);
      }

      PodTracker tracker = new PodTracker(client, namespace);
      Supplier<Stopped> stopTracker = once(() -> {
        tracker.close();
        return Stopped.NOTHING;
      });
      teardown.push(stopTracker);
      tracker.start(Duration.ofSeconds(30));

      Cluster cluster = new Cluster(api, namespace, schedulerName, tracker, fence);
      if (controlPlane.isShared()) {
        teardown.push(() -> {
          cluster.deleteCreatedObjects();
          return Stopped.removed("the scenario's pods, nodes and priority classes");
        });
      }
      ScenarioError failure = play(scenario, cluster, true);

      RunningScheduler scheduler = startScheduler(stage, factory, controlPlane, schedulerName, settings);
      Supplier<Stopped> stopScheduler = once(() -> {
        scheduler.close();
        return Stopped.stopped("scheduler " + schedulerName);
      });
      teardown.push(stopScheduler);

      if (failure == null) {
        failure = play(scenario, cluster, false);
      }

      // Read before anything is torn down; what the scheduler still binds after this is not seen.
      List<String> overcommitted;
      try {
        overcommitted = cluster.overcommittedNodes();
      } catch (RuntimeException e) { // the API server gone: say so, and keep the scenario's own failure
        overcommitted = List.of("could not check for over-committed nodes: " + e.getMessage());
      }
      RunResult result = new RunResult(stage.module(), scenario.name(), tracker.outcomes(),
          cluster.marks(), tracker.allEvents(), overcommitted);
      if (!keepRunning) {
        // Their last log lines (client-java's informers may complain as they stop) come before
        // the report, not after or inside it. The result above is a copy: stopping keeps it.
        stopScheduler.get();
        stopTracker.get();
      }
      Report.print(result, cluster.start(), System.out);
      Explanation.report(settings, api, namespace, result.pods().stream().map(PodOutcome::name).toList(),
          stage.configurable() != null && stage.configurable().registry().isEmpty() ? stage.module() : null,
          System.out);
      if (failure != null) {
        throw failure;
      }
      if (keepRunning) {
        waitForCtrlC(controlPlane);
      }
      return result;
    } finally {
      teardown.run();
      removeHook(hook);
    }
  }

  /**
   * The file {@code -Dminisched.config} names, else the scenario's own profile (if the stage takes
   * one), else null: the stage's default profile.
   */
  static SchedulerConfiguration configuration(Stage stage, Scenario scenario, Settings settings) {
    Optional<String> file = settings.get("config");
    if (file.isPresent()) {
      if (stage.configurable() == null) {
        throw new UserError(stage.module() + " takes no configuration file; drop -D" + Settings.property("config"));
      }
      if (scenario.configuration().isPresent()) {
        System.out.printf("[minisched] %s replaces the profile of scenario %s%n", file.get(), scenario.name());
      }
      return ConfigFile.read(Path.of(file.get()), stage.module(), stage.configurable());
    }
    if (scenario.configuration().isPresent() && stage.configurable() != null) {
      return ConfigFile.parse("scenario " + scenario.name() + "'s profile", scenario.configuration().get(),
          stage.module(), stage.configurable());
    }
    return null;
  }

  /**
   * The scheduler's name: the profile's {@code schedulerName} if the file gives one, else
   * {@code -Dminisched.schedulerName}, else {@value #DEFAULT_SCHEDULER_NAME}. Given both ways, they
   * must agree: the scenario's pods ask for the one name.
   */
  static String schedulerName(SchedulerConfiguration config, Settings settings) {
    String given = settings.get("schedulerName", DEFAULT_SCHEDULER_NAME);
    String named = config == null ? "" : config.profile().schedulerName();
    if (named.isEmpty()) {
      return given;
    }
    if (settings.get("schedulerName").isPresent() && !given.equals(named)) {
      throw new ConfigError(config.source(), "profiles[0].schedulerName", "is " + named + ", but -D"
          + Settings.property("schedulerName") + " is " + given + "; drop one, or make them the same");
    }
    return named;
  }

  /** The stage's default profile as a file, for {@code --print-config}. */
  static String printConfig(Stage stage, Settings settings) {
    if (stage.configurable() == null) {
      throw new UserError(stage.module() + " takes no configuration");
    }
    return ProfileYaml.print(stage.module(), stage.configurable().defaults(),
        settings.get("schedulerName", DEFAULT_SCHEDULER_NAME));
  }

  static RunningScheduler startScheduler(
      Stage stage, SchedulerFactory factory, ControlPlane controlPlane, String name, Settings settings) {
    if (settings.flag("leaderElection")) {
      factory = LeaderElectedScheduler.around(factory,
          settings.get("leaderElection.identity", LeaderElectedScheduler.newIdentity()),
          LeaderElectedScheduler.Timing.UPSTREAM);
    }
    try {
      RunningScheduler scheduler = factory.start(controlPlane.newClient(), name);
      System.out.printf("[minisched] scheduler %s of %s started%n", name, stage.module());
      return scheduler;
    } catch (UserError e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the " + stage.module() + " scheduler failed to start", e);
    }
  }

  /** Plays the part of the story before the scheduler starts, or the rest. */
  private static ScenarioError play(Scenario scenario, Cluster cluster, boolean beforeScheduler) {
    try {
      if (beforeScheduler) {
        scenario.beforeSchedulerStarts(cluster);
      } else {
        scenario.run(cluster);
      }
      return null;
    } catch (ScenarioError e) {
      return new ScenarioError("scenario " + scenario.name() + " failed: " + e.getMessage(), e);
    } catch (Exception e) {
      return new ScenarioError("scenario " + scenario.name() + " threw " + e, e);
    }
  }

  private static void waitForCtrlC(ControlPlane controlPlane) {
    System.out.printf("[minisched] keep-running: the cluster and the scheduler stay up. "
        + "kubectl --kubeconfig %s get pods -w — Ctrl-C stops everything.%n", controlPlane.kubeconfig());
    try {
      new CountDownLatch(1).await(); // the shutdown hook tears down
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code step} the first time; afterwards what it returned then, without running it again. */
  private static Supplier<Stopped> once(Supplier<Stopped> step) {
    return new Supplier<>() {
      private Stopped result;

      @Override
      public synchronized Stopped get() {
        if (result == null) {
          result = step.get();
        }
        return result;
      }
    };
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is running (or ran) and tears down itself.
    }
  }

  static String usage(Stage stage) {
    return "Runs a scenario against the " + stage.module() + " scheduler on a fresh control plane.\n"
        + "  -Dminisched.scenario=NAME     the scenario (default " + stage.defaultScenario() + ")\n"
        + "  -Dminisched.backend=B         containers (default), binaries or kubeconfig\n"
        + "  -Dminisched.apiserver.image=IMG, -Dminisched.etcd.image=IMG  images for containers\n"
        + "  -Dminisched.binaries.dir=DIR  etcd and kube-apiserver for binaries (default $KUBEBUILDER_ASSETS)\n"
        + "  -Dminisched.kubeconfig=FILE   the cluster for kubeconfig (default $KUBECONFIG, ~/.kube/config)\n"
        + "  -Dminisched.kubeconfig.allowRemote=true  let kubeconfig use a cluster not on this machine\n"
        + "  -Dminisched.startTimeout=S    how long kube-apiserver may take to start (default 90)\n"
        + "  -Dminisched.keepRunning=true  leave cluster and scheduler up until Ctrl-C\n"
        + "  -Dminisched.schedulerName=N   the scheduler's name (default " + DEFAULT_SCHEDULER_NAME + ")\n"
        + "  -Dminisched.leaderElection=true  schedule only while holding the Lease kube-system/NAME\n"
        + "  -Dminisched.results=M         where each attempt's plugin results go: annotations (default; on the pod,\n"
        + "                                as kube-scheduler-simulator writes them), log, or off\n"
        + "  -Dminisched.explain=POD|all   after the report, a table per attempt: why that node, what rejected the rest\n"
        + "  -Dminisched.config=FILE       a KubeSchedulerConfiguration (v1, one profile) over the stage's default profile\n"
        + "Args: SCENARIO, --list, --help, schedule, bench, --print-config (the stage's default profile, as a file to edit)\n"
        + "Each also works as an environment variable: MINISCHED_BACKEND=binaries.\n"
        + "Scheduler only (args: schedule): no scenario; schedules the pods that ask for it until SIGTERM or Ctrl-C,\n"
        + "  in the cluster of -Dminisched.kubeconfig=FILE (backend kubeconfig unless -Dminisched.backend says otherwise)\n"
        + "Benchmark (args: bench; see docs/BENCHMARK.md): against upstream kube-scheduler and the raw binding ceilings\n"
        + "  -Dminisched.bench.workloads=500Nodes,5000Nodes (or 5000Nodes_10000Pods, or NODES:PLACED:MEASURED)\n"
        + "  -Dminisched.bench.rounds=3 -Dminisched.bench.workers=16 -Dminisched.bench.timeout=300\n"
        + "  -Dminisched.bench.latency=true -Dminisched.bench.rate=100  the fixed-rate latency runs\n"
        + "  -Dminisched.bench.kubeScheduler=PATH  upstream's binary (default ~/.cache/minisched/bin/kube-scheduler)\n"
        + "  -Dminisched.bench.jfr=DIR  a Java Flight Recording of each run of the stage's JVM, in DIR\n"
        + "Scenarios:\n" + Scenarios.listing();
  }

  /**
   * What to stop, last started first. Runs once, from the scenario thread at the end or from the
   * shutdown hook on Ctrl-C, whichever comes first; the other waits for it to finish. Ends with
   * one line saying what was stopped and removed (a step that failed said so itself).
   */
  private static final class Teardown {
    private final Deque<Supplier<Stopped>> steps = new ArrayDeque<>();
    private boolean done;

    synchronized void push(Supplier<Stopped> step) {
      steps.push(step);
    }

    synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      Stopped all = Stopped.NOTHING;
      while (!steps.isEmpty()) {
        try {
          all = all.and(steps.pop().get());
        } catch (RuntimeException e) {
          System.err.println("[minisched] while stopping: " + e);
        }
      }
      if (!all.isEmpty()) {
        System.out.println("[minisched] " + all);
      }
    }
  }
}
