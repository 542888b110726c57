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
 * {@code -Dminisched.config=FILE}: the stage's profile from a KubeSchedulerConfiguration.
 *
 * @param module the stage, for the report
 * @param stageConfig a configuration file for the stage's profile, if any
 */
record StageProcess(String module, Optional<Path> stageConfig) implements Contender {
  static final String MAIN = "dev.minisched.Main";
  static final String LOG_LEVEL = "warn";
  /**
   * The stage's node sampling and parallelism, for the report's header: stage 7's defaults, which
   * are upstream's. A stage has no way yet to say them itself; update this with the stage.
   */
  static final String SAMPLING = "percentageOfNodesToScore 0 (adaptive, upstream's formula), parallelism 16 "
      + "on at most one thread per core (" + Runtime.getRuntime().availableProcessors() + " here): its defaults";

  @Override
  public String name() {
    return module + " (child JVM)";
  }

  @Override
  public String schedulerName() {
    return MiniSchedContender.SCHEDULER_NAME;
  }

  List<String> command(Path kubeconfig) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", classPath(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + LOG_LEVEL,
        // simplelogger.properties shows minisched's own lines at INFO: one or more per pod
        "-Dorg.slf4j.simpleLogger.log.dev.minisched=" + LOG_LEVEL,
        "-D" + Settings.property("results") + "=off",
        "-D" + Settings.property("backend") + "=kubeconfig",
        "-D" + Settings.property("kubeconfig") + "=" + kubeconfig,
        "-D" + Settings.property("schedulerName") + "=" + schedulerName()));
    stageConfig.ifPresent(file -> command.add("-D" + Settings.property("config") + "=" + file));
    command.addAll(List.of(MAIN, "schedule"));
    return command;
  }

  @Override
  public Run start(ControlPlane controlPlane) throws IOException {
    Path log = Files.createTempFile("minisched-stage-", ".log");
    ChildProcess process = ChildProcess.start(module, command(controlPlane.kubeconfig()), log);
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
        try {
          Files.deleteIfExists(log);
        } catch (IOException e) {
          System.err.println("[minisched] could not delete " + log + ": " + e.getMessage());
        }
      }
    };
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
