package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.controlplane.ChildProcess;
import dev.minisched.scenarios.controlplane.ControlPlane;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A minisched stage as a process of its own, started as a learner would start it: the stage's
 * {@code dev.minisched.Main} (every stage has one, same package and name) with the argument
 * {@code schedule}, on this JVM's class path, against the control plane's kubeconfig
 * ({@code -Dminisched.backend=kubeconfig}). So it is measured as upstream's kube-scheduler is
 * ({@link ProcessMeter}: /proc utime+stime and VmHWM, the JVM's GC and JIT threads included), and
 * its start-up (JVM start, class loading, informer sync) shows as upstream's does. The JIT
 * compiles as it goes: that too is in the figures, as it is for anyone who runs a stage.
 *
 * <p>The child logs at WARN, its own package too ({@code -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
 * -Dorg.slf4j.simpleLogger.log.dev.minisched=warn}; simplelogger.properties shows minisched's
 * lines at INFO, one or more per pod, the score table of every node among them), so nothing per
 * pod, and records no results ({@code -Dminisched.results=off}, a setting a stage may not know yet:
 * it is then only a warning). {@code stageConfig}, when given, is passed on as
 * {@code -Dminisched.config=FILE}: the stage's profile from a KubeSchedulerConfiguration. Without
 * one, {@code upstreamFile} is written as upstream's "same plugins" run writes it (v1, v1.34's
 * plugin names) and passed on instead: one file for both, only its profile named for the pods the
 * stage takes ({@link #schedulerName}), so the file's schedulerName and
 * {@code -Dminisched.schedulerName} agree.
 *
 * <p>The child JVM gets the flags {@code .mvn/jvm.config} gives Maven's JVM, where a learner's
 * {@code mvn exec:java} runs the stage ({@link #JVM_OPTIONS}), so the benchmark measures the stage
 * as a learner runs it.
 *
 * <p>With {@code jfr} (-Dminisched.bench.jfr=DIR) each run of the child JVM keeps a Java Flight
 * Recording in that directory ({@code settings=profile}: execution samples, allocations, locks,
 * GC), written as it stops: where the stage spends its CPU when it misses the goal.
 *
 * @param module the stage, for the report
 * @param stageConfig a configuration file for the stage's profile, if any
 * @param upstreamFile without {@code stageConfig}: the configuration upstream's "same plugins" run gets, if any
 * @param jfr a directory for a flight recording of each run, if wanted
 */
record StageProcess(String module, Optional<Path> stageConfig, Optional<KubeSchedulerConfiguration> upstreamFile,
    Optional<Path> jfr) implements Contender {
  static final String MAIN = "dev.minisched.Main";
  static final String LOG_LEVEL = "warn";
  /**
   * As in {@code .mvn/jvm.config} (BenchPartsTest keeps the two the same). On a 2-core machine
   * that the API server and etcd share, a scheduler's CPU is its throughput, and its JVM's own
   * work was most of it: profiled with -Dminisched.bench.jfr, C2 compiled for about 90 s of
   * thread time in a run of one minute, and the JVM used some 20 s of CPU where kube-scheduler used
   * 3. C1 alone compiled for about a fifth of that, and its code is fast enough for a cycle that
   * waits on the API server (issue 13); the serial collector has no concurrent threads, and a heap
   * this small needs none. Conditional card marking: the parallel filter and score workers store
   * their results into neighbouring slots of one array, and the collector's write barrier marks a
   * card-table byte on every such store; unconditionally, two cores writing the same line of the
   * card table take turns for it (false sharing), which made a 500-node cycle on two workers
   * slower than on one (306 against 196 µs with the flag, C1, in memory).
   */
  static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+UseCondCardMark");
  /**
   * The stage's node sampling and parallelism, for the report's header: upstream's "same plugins"
   * file's when the stage runs it, else stage 7's defaults; the values are upstream's either way.
   */
  static String sampling(boolean fromUpstreamFile) {
    return "percentageOfNodesToScore 0 (adaptive, upstream's formula), parallelism " + KubeSchedulerConfiguration.PARALLELISM
        + " on at most one thread per core (" + Runtime.getRuntime().availableProcessors() + " here): "
        + (fromUpstreamFile ? "from the same file as kube-scheduler's" : "its defaults");
  }

  StageProcess(String module, Optional<Path> stageConfig) {
    this(module, stageConfig, Optional.empty(), Optional.empty());
  }

  @Override
  public String name() {
    return module + " (child JVM)";
  }

  @Override
  public String schedulerName() {
    return MiniSchedContender.SCHEDULER_NAME;
  }

  List<String> command(Path kubeconfig) {
    return command(kubeconfig, stageConfig);
  }

  /** The child's command line, its profile from {@code config} if given. */
  List<String> command(Path kubeconfig, Optional<Path> config) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", classPath()));
    command.addAll(JVM_OPTIONS);
    jfr.ifPresent(dir -> command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
        + dir.toAbsolutePath().resolve(module + "-" + System.currentTimeMillis() + ".jfr")));
    command.addAll(List.of(
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + LOG_LEVEL,
        // simplelogger.properties shows minisched's own lines at INFO: one or more per pod
        "-Dorg.slf4j.simpleLogger.log.dev.minisched=" + LOG_LEVEL,
        "-D" + Settings.property("results") + "=off",
        "-D" + Settings.property("backend") + "=kubeconfig",
        "-D" + Settings.property("kubeconfig") + "=" + kubeconfig,
        "-D" + Settings.property("schedulerName") + "=" + schedulerName()));
    config.ifPresent(file -> command.add("-D" + Settings.property("config") + "=" + file));
    command.addAll(List.of(MAIN, "schedule"));
    return command;
  }

  @Override
  public Run start(ControlPlane controlPlane) throws IOException {
    if (jfr.isPresent()) {
      Files.createDirectories(jfr.get());
    }
    Path log = Files.createTempFile("minisched-stage-", ".log");
    Optional<Path> config = stageConfig;
    if (config.isEmpty() && upstreamFile.isPresent()) {
      config = Optional.of(Files.createTempFile("minisched-stage-", ".yaml"));
      Files.writeString(config.get(), file(controlPlane.kubeconfig()).orElseThrow());
    }
    Optional<Path> written = stageConfig.isEmpty() ? config : Optional.empty();
    ChildProcess process = ChildProcess.start(module, command(controlPlane.kubeconfig(), config), log);
    return new Run() {
      @Override
      public void checkAlive() {
        if (!process.isAlive()) {
          throw new IllegalStateException(module + " exited. The end of its log:\n" + process.logTail());
        }
      }

      @Override
      public Optional<ProcessMeter.Usage> usage() {
        return process.server().map(p -> ProcessMeter.read(p.pid()));
      }

      @Override
      public void close() {
        process.stop();
        RunFiles.delete(written.isPresent() ? List.of(log, written.get()) : List.of(log));
      }
    };
  }

  /**
   * The text of the file the stage gets when it runs upstream's file: upstream's, with the
   * profile named for the stage's pods. Its process fields (clientConnection, leaderElection) are
   * upstream's to use; the stage notes them as ignored, in one line.
   */
  Optional<String> file(Path kubeconfig) {
    if (stageConfig.isPresent() || upstreamFile.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(upstreamFile.get().withSchedulerName(schedulerName()).yaml(kubeconfig));
  }

  /** The java this JVM runs on, by the path /proc shows for it (so {@link ChildProcess#server} finds the child). */
  private static String javaExecutable() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * The stage's class path. {@code mvn exec:java} runs the stage in Maven's own JVM, in a class
   * loader of its own whose URLs are the project's class path ({@code java.class.path} is then
   * Maven's launcher); elsewhere (tests, {@code java -cp}) it is {@code java.class.path}.
   */
  static String classPath() {
    ClassLoader loader = StageProcess.class.getClassLoader();
    if (loader instanceof URLClassLoader urls && loader != ClassLoader.getSystemClassLoader()) {
      List<String> entries = new ArrayList<>();
      for (URL url : urls.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          entries.add(url.getPath());
        }
      }
      return String.join(File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }
}
