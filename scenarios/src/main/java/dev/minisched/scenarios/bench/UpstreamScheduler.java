package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.controlplane.ChildProcess;
import dev.minisched.scenarios.controlplane.ControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Upstream's kube-scheduler (v1.20 flags) as a child process. It reads the control plane's admin
 * kubeconfig.
 *
 * <p>Without a {@code configuration} it runs its default profile (the pods ask for
 * {@code default-scheduler}) with these flags: {@code --leader-elect=false} (one replica, no Lease
 * to wait for), {@code --port=0} and {@code --secure-port=0} (no health or metrics server: nothing
 * to authenticate, no port to collide). Its client is throttled to 50 requests/s with bursts of 100
 * unless {@code raisedLimits}, which passes {@code --kube-api-qps=5000 --kube-api-burst=5000}.
 *
 * <p>With a {@link KubeSchedulerConfiguration} it runs {@code --config} instead: v1.20 ignores the
 * flags above that the file also sets (kubeconfig, leader election, client limits), so the file
 * carries them; {@code --port=0} and {@code --secure-port=0} still apply. {@code extraFlags} go
 * last (logging flags such as {@code --vmodule}, which no configuration file sets).
 *
 * @param binary the kube-scheduler executable
 * @param raisedLimits whether to lift the client-side rate limit (without a configuration)
 * @param configuration the profile to run instead of the default one
 * @param extraFlags more flags, e.g. for logging
 */
public record UpstreamScheduler(Path binary, boolean raisedLimits, Optional<KubeSchedulerConfiguration> configuration,
    List<String> extraFlags) implements Contender {
  static final String SCHEDULER_NAME = "default-scheduler";
  static final int RAISED_QPS = 5000;

  /** The default profile, as the benchmark runs it. */
  UpstreamScheduler(Path binary, boolean raisedLimits) {
    this(binary, raisedLimits, Optional.empty(), List.of());
  }

  /** One profile of our own, written to a configuration file. */
  public static UpstreamScheduler configured(Path binary, KubeSchedulerConfiguration configuration,
      List<String> extraFlags) {
    return new UpstreamScheduler(binary, true, Optional.of(configuration), List.copyOf(extraFlags));
  }

  @Override
  public String name() {
    return "kube-scheduler " + version() + configuration.map(c -> " (profile " + c.schedulerName() + ")")
        .orElse(raisedLimits ? " (qps " + RAISED_QPS + ")" : " (default qps 50)");
  }

  @Override
  public String schedulerName() {
    return configuration.map(KubeSchedulerConfiguration::schedulerName).orElse(SCHEDULER_NAME);
  }

  /** The version it reports, e.g. v1.20.2. */
  public String version() {
    String out = ChildProcess.output(List.of(binary.toString(), "--version")).strip();
    return out.startsWith("Kubernetes ") ? out.substring("Kubernetes ".length()) : out;
  }

  List<String> command(Path kubeconfig, Optional<Path> configFile) {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    if (configFile.isPresent()) {
      command.add("--config=" + configFile.get());
    } else {
      command.addAll(List.of("--kubeconfig=" + kubeconfig, "--leader-elect=false"));
      if (raisedLimits) {
        command.add("--kube-api-qps=" + RAISED_QPS);
        command.add("--kube-api-burst=" + RAISED_QPS);
      }
    }
    command.addAll(List.of("--port=0", "--secure-port=0"));
    command.addAll(extraFlags);
    return command;
  }

  @Override
  public Running start(ControlPlane controlPlane) throws IOException {
    Path log = Files.createTempFile("minisched-kube-scheduler-", ".log");
    Optional<Path> configFile = Optional.empty();
    if (configuration.isPresent()) {
      configFile = Optional.of(Files.createTempFile("minisched-kube-scheduler-", ".yaml"));
      Files.writeString(configFile.get(), configuration.get().yaml(controlPlane.kubeconfig()));
    }
    ChildProcess process = ChildProcess.start("kube-scheduler", command(controlPlane.kubeconfig(), configFile), log);
    return new Running(process, log, configFile);
  }

  /** A started kube-scheduler. Owned by the thread that started it. */
  public static final class Running implements Run {
    private final ChildProcess process;
    private final Path log;
    private final Optional<Path> configFile;

    private Running(ChildProcess process, Path log, Optional<Path> configFile) {
      this.process = process;
      this.log = log;
      this.configFile = configFile;
    }

    @Override
    public void checkAlive() {
      if (!process.isAlive()) {
        throw new IllegalStateException("kube-scheduler exited. The end of its log:\n" + process.logTail());
      }
    }

    /** Everything it has logged so far. */
    public String log() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read kube-scheduler's log " + log, e);
      }
    }

    @Override
    public ResourceUse usage() {
      Optional<ProcessHandle> server = process.server();
      return server.map(p -> ProcessMeter.read(p.pid())).orElseThrow(() -> new IllegalStateException(
          "kube-scheduler is not running; the end of its log:\n" + process.logTail()));
    }

    @Override
    public void close() {
      process.stop();
      for (Path file : configFile.map(c -> List.of(log, c)).orElse(List.of(log))) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          System.err.println("[minisched] could not delete " + file + ": " + e.getMessage());
        }
      }
    }
  }
}
