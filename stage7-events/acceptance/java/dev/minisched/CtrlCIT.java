package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * Ctrl-C, for real: this stage's {@code Main} runs in a JVM of its own with keep-running on, as a
 * learner runs it; once it says the cluster stays up, the test sends SIGINT as a terminal does on
 * Ctrl-C — to the whole foreground process group, the JVM and every child that shares its group —
 * and checks that the JVM exits and leaves nothing behind: no etcd or kube-apiserver process, no
 * temporary directory, no container.
 */
class CtrlCIT {
  private static final Pattern KUBECONFIG = Pattern.compile("kubectl --kubeconfig (\\S+)/kubeconfig get pods -w");
  private static final Pattern RUN_LABEL = Pattern.compile("labelled dev\\.minisched\\.run=(\\S+)");
  // The control plane alone may take its start timeout (90 s) on a busy machine; then the scenario.
  private static final Duration UP_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

  private Process child;

  @AfterEach
  void killTheChildIfTheTestFailed() {
    if (child != null && child.isAlive()) {
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly();
    }
  }

  @Test
  void binariesBackendStopsEverythingOnCtrlC() throws Exception {
    KeepRunning run = startKeepRunning("binaries");
    List<ProcessHandle> servers = child.descendants().toList(); // etcd, kube-apiserver and their watchdogs
    assertThat(servers).extracting(CtrlCIT::commandLine)
        .anyMatch(c -> c.contains("kube-apiserver")).anyMatch(c -> c.contains("etcd"));

    pressCtrlC(run);

    assertThat(servers).as("processes left running").noneMatch(ProcessHandle::isAlive);
    assertThat(run.tempDir()).doesNotExist();
  }

  @Test
  void containersBackendStopsEverythingOnCtrlC() throws Exception {
    KeepRunning run = startKeepRunning("containers");
    String runId = run.find(RUN_LABEL).orElseThrow();
    assertThat(containersLabelled(runId)).isNotEmpty();

    pressCtrlC(run);

    assertThat(containersLabelled(runId)).as("containers left").isEmpty();
    assertThat(run.tempDir()).doesNotExist();
  }

  /** The child's output so far; written by its reader thread, read by the test thread. */
  private record KeepRunning(List<String> lines, Thread reader) {
    Optional<String> find(Pattern pattern) {
      return lines.stream().map(pattern::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst();
    }

    Path tempDir() {
      return Path.of(find(KUBECONFIG).orElseThrow(() -> new AssertionError("no kubeconfig line in " + lines)));
    }
  }

  /**
   * Starts this stage's Main with keep-running on; returns once it says the cluster stays up. The
   * JVM leads a process group of its own (setsid), as a shell's foreground job does.
   */
  private KeepRunning startKeepRunning(String backend) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(
        "setsid", // execs in place: a child of this JVM leads no group, so setsid need not fork
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dminisched.backend=" + backend,
        "-Dminisched.keepRunning=true",
        Main.class.getName())
        .redirectErrorStream(true);
    child = builder.start();
    child.getOutputStream().close();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> readLines(child, lines), "ctrl-c-it-output");
    reader.setDaemon(true);
    reader.start();
    await("the keep-running line").atMost(UP_TIMEOUT)
        .failFast("the child exited; its output:\n" + lines, () -> !child.isAlive())
        .until(() -> lines.stream().anyMatch(l -> l.contains("[minisched] keep-running")));
    return new KeepRunning(lines, reader);
  }

  /**
   * SIGINT to the JVM's process group, as a terminal sends on Ctrl-C; the JVM exits, quietly: no
   * stack trace on the way out.
   */
  private void pressCtrlC(KeepRunning run) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + child.pid()).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(child.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the JVM exited after SIGINT").isTrue();
    assertThat(child.exitValue()).as("128 + SIGINT").isEqualTo(130);
    run.reader().join(Duration.ofSeconds(5).toMillis()); // the rest of its output
    assertThat(run.lines()).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception in thread"));
  }

  private static void readLines(Process process, List<String> lines) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.out.println("  [child] " + line);
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(output unreadable: " + e + ")");
    }
  }

  private static String commandLine(ProcessHandle process) {
    return process.info().commandLine().orElse("?");
  }

  private static List<String> containersLabelled(String runId) {
    return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of("dev.minisched.run", runId)).exec().stream()
        .map(c -> c.getId()).toList();
  }
}
