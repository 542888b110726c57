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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream's kube-scheduler as a child process, with a {@link KubeSchedulerConfiguration} file
 * that carries everything the flags would not: the admin kubeconfig, leader election off (one
 * replica, no Lease to wait for), raised client limits, the profile. kube-scheduler ignores
 * {@code --kubeconfig}, {@code --kube-api-qps/burst} and the other deprecated flags once
 * {@code --config} is given, so the flags are only {@code --secure-port=0} (no health or metrics
 * server: nothing to authenticate, no port for two kube-schedulers on one machine to collide on),
 * then {@code extraFlags} (logging flags such as {@code --vmodule}, which no configuration file
 * sets). It logs at klog's default verbosity, 0: nothing per pod.
 *
 * @param binary the kube-scheduler executable
 * @param label what the report calls this profile, e.g. "same plugins"
 * @param configuration the configuration file's content
 * @param extraFlags more flags, e.g. for logging
 */
public record UpstreamScheduler(Path binary, String label, KubeSchedulerConfiguration configuration,
    List<String> extraFlags) implements Contender {
  static final int RAISED_QPS = 5000;
  private static final Map<Path, String> VERSIONS = new ConcurrentHashMap<>();

  /** One profile of our own, written to a configuration file. */
  public static UpstreamScheduler configured(Path binary, KubeSchedulerConfiguration configuration,
      List<String> extraFlags) {
    return new UpstreamScheduler(binary, "profile " + configuration.schedulerName(), configuration,
        List.copyOf(extraFlags));
  }

  @Override
  public String name() {
    return "kube-scheduler " + version() + ", " + label;
  }

  @Override
  public String schedulerName() {
    return configuration.schedulerName();
  }

  /** The version it reports, e.g. v1.34.4. */
  public String version() {
    return version(binary);
  }

  /** The version {@code binary} reports, e.g. v1.34.4; asked once per binary. */
  static String version(Path binary) {
    return VERSIONS.computeIfAbsent(binary, b -> {
      String out = ChildProcess.output(List.of(b.toString(), "--version")).strip();
      return out.startsWith("Kubernetes ") ? out.substring("Kubernetes ".length()) : out;
    });
  }

  List<String> command(Path configFile) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--config=" + configFile, "--secure-port=0"));
    command.addAll(extraFlags);
    return command;
  }

  @Override
  public Running start(ControlPlane controlPlane) throws IOException {
    Path log = Files.createTempFile("minisched-kube-scheduler-", ".log");
    Path configFile = Files.createTempFile("minisched-kube-scheduler-", ".yaml");
    Files.writeString(configFile, configuration.yaml(controlPlane.kubeconfig()));
    ChildProcess process = ChildProcess.start("kube-scheduler", command(configFile), log);
    return new Running(process, log, configFile);
  }

  /** A started kube-scheduler. Owned by the thread that started it. */
  public static final class Running implements Run {
    private final ChildProcess process;
    private final Path log;
    private final Path configFile;

    private Running(ChildProcess process, Path log, Path configFile) {
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
    public Optional<ProcessMeter.Usage> usage() {
      return process.server().map(p -> ProcessMeter.read(p.pid()));
    }

    @Override
    public void close() {
      process.stop();
      RunFiles.delete(List.of(log, configFile));
    }
  }
}
