package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.controlplane.ChildProcess;
import dev.minisched.scenarios.controlplane.ControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Upstream's kube-scheduler (v1.20 flags) as a child process, with its default profile: the pods
 * ask for {@code default-scheduler}. It reads the control plane's admin kubeconfig.
 *
 * <p>Flags: {@code --leader-elect=false} (one replica, no Lease to wait for), {@code --port=0} and
 * {@code --secure-port=0} (no health or metrics server: nothing to authenticate, no port to
 * collide). Its client is throttled to 50 requests/s with bursts of 100 unless
 * {@code raisedLimits}, which passes {@code --kube-api-qps=5000 --kube-api-burst=5000}. These
 * command-line flags are ignored when a {@code --config} file is given, so none is.
 *
 * @param binary the kube-scheduler executable
 * @param raisedLimits whether to lift the client-side rate limit
 */
record UpstreamScheduler(Path binary, boolean raisedLimits) implements Contender {
  static final String SCHEDULER_NAME = "default-scheduler";
  static final int RAISED_QPS = 5000;

  @Override
  public String name() {
    return "kube-scheduler " + version() + (raisedLimits ? " (qps " + RAISED_QPS + ")" : " (default qps 50)");
  }

  @Override
  public String schedulerName() {
    return SCHEDULER_NAME;
  }

  /** The version it reports, e.g. v1.20.2. */
  String version() {
    String out = ChildProcess.output(List.of(binary.toString(), "--version")).strip();
    return out.startsWith("Kubernetes ") ? out.substring("Kubernetes ".length()) : out;
  }

  List<String> command(Path kubeconfig) {
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--kubeconfig=" + kubeconfig, "--leader-elect=false", "--port=0", "--secure-port=0"));
    if (raisedLimits) {
      command.add("--kube-api-qps=" + RAISED_QPS);
      command.add("--kube-api-burst=" + RAISED_QPS);
    }
    return command;
  }

  @Override
  public Run start(ControlPlane controlPlane) throws IOException {
    Path log = Files.createTempFile("minisched-kube-scheduler-", ".log");
    ChildProcess process = ChildProcess.start("kube-scheduler", command(controlPlane.kubeconfig()), log);
    return new Run() {
      @Override
      public void checkAlive() {
        if (!process.isAlive()) {
          throw new IllegalStateException("kube-scheduler exited. The end of its log:\n" + process.logTail());
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
        try {
          Files.deleteIfExists(log);
        } catch (IOException e) {
          System.err.println("[minisched] could not delete " + log + ": " + e.getMessage());
        }
      }
    };
  }
}
