package dev.minisched.scenarios.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server (etcd, kube-apiserver) running as a child process of this JVM, its output going to a
 * log file.
 *
 * <p>It must not outlive the JVM, even one killed with SIGKILL, where no shutdown hook runs. So
 * it is started under a tiny {@code sh} watchdog that holds the read end of a pipe whose write end
 * only this JVM holds (the child's stdin). When the JVM closes it — in {@link #stop()}, or the
 * kernel does as the JVM dies — the watchdog reads end-of-file and sends the server SIGTERM.
 */
public final class ChildProcess {
  // fd 3 keeps the pipe from the JVM; the server itself gets /dev/null as stdin. Background jobs
  // of a non-interactive shell read /dev/null unless redirected, hence "<&3".
  private static final String WATCHDOG =
      "exec 3<&0 </dev/null; \"$@\" & server=$!; { read -r _ <&3; kill $server 2>/dev/null; } & wait $server";
  private static final int TAIL_LINES = 25;

  private final String name;
  private final List<String> command;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, List<String> command, Process process, Path log) {
    this.name = name;
    this.command = command;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command}; its stdout and stderr go to {@code log}. */
  public static ChildProcess start(String name, List<String> command, Path log) {
    return launch(name, command, log, ProcessBuilder.Redirect.to(log.toFile()));
  }

  /** The same command again, after {@link #stop()}; its output goes on in the same log. */
  ChildProcess startAgain() {
    return launch(name, command, log, ProcessBuilder.Redirect.appendTo(log.toFile()));
  }

  private static ChildProcess launch(String name, List<String> command, Path log, ProcessBuilder.Redirect output) {
    List<String> watched = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "minisched-" + name));
    watched.addAll(command);
    try {
      Process process = new ProcessBuilder(watched)
          .redirectErrorStream(true)
          .redirectOutput(output)
          .start();
      return new ChildProcess(name, List.copyOf(command), process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
  }

  /** Runs a short command (such as {@code --version}) to completion and returns its output. */
  public static String output(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  String name() {
    return name;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines of the log, for error messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * The server itself, not its watchdog shell: for reading its CPU time and memory from /proc.
   * Empty until the watchdog has started it (a few milliseconds) or after it exited.
   */
  public Optional<ProcessHandle> server() {
    return process.children()
        .filter(child -> child.info().command().map(command.get(0)::equals).orElse(false))
        .findFirst();
  }

  Path log() {
    return log;
  }

  /** SIGTERM through the watchdog, then SIGKILL for whatever is left after a grace period. */
  public void stop() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
