package dev.minisched.scenarios.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A server (etcd, kube-apiserver) running as a child process of this JVM, its output going to a
 * log file.
 *
 * <p>It must not outlive the JVM, even one killed with SIGKILL, where no shutdown hook runs. So
 * it is started under a tiny {@code sh} watchdog that holds the read end of a pipe whose write end
 * only this JVM holds (the child's stdin). When the JVM closes it — in {@link #stop()}, or the
 * kernel does as the JVM dies — the watchdog reads end-of-file and sends the server SIGTERM.
 *
 * <p>Only this JVM may stop it. A terminal's Ctrl-C sends SIGINT to its whole foreground process
 * group, which would otherwise include the watchdog and the server: the watchdog would die at
 * once, and the server (etcd and kube-apiserver handle SIGINT) would shut down on its own while
 * this JVM, believing it gone, deletes its directory. So the watchdog runs in a session of its own
 * ({@code setsid}, where there is one; Linux always has it) and ignores SIGINT besides, and
 * {@link #stop()} waits for the server's own exit.
 */
public final class ChildProcess {
  // fd 3 keeps the pipe from the JVM; the server itself gets /dev/null as stdin. Background jobs
  // of a non-interactive shell read /dev/null unless redirected, hence "<&3".
  private static final String WATCHDOG = "trap '' INT; exec 3<&0 </dev/null; "
      + "\"$@\" & server=$!; { read -r _ <&3; kill $server 2>/dev/null; } & wait $server";
  private static final List<String> NEW_SESSION = Stream.of("/usr/bin/setsid", "/bin/setsid")
      .filter(path -> Files.isExecutable(Path.of(path))).findFirst().map(List::of).orElse(List.of());
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final Duration AFTER_KILL = Duration.ofSeconds(5);
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
    // setsid execs the shell in place (a child of the JVM leads no process group, so it need not fork).
    List<String> watched = new ArrayList<>(NEW_SESSION);
    watched.addAll(List.of("/bin/sh", "-c", WATCHDOG, "minisched-" + name));
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

  /** The watchdog shell's process; the command runs as its child. */
  ProcessHandle handle() {
    return process.toHandle();
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
    String executable = realPath(command.get(0));
    return process.children()
        .filter(child -> child.info().command().map(c -> c.equals(command.get(0)) || c.equals(executable)).orElse(false))
        .findFirst();
  }

  /**
   * The path /proc shows for a process of this executable: its real path, every symlink resolved
   * (~/.cache/minisched/bin links to the release's directory); the path itself when it cannot be
   * resolved.
   */
  private static String realPath(String executable) {
    try {
      return Path.of(executable).toRealPath().toString();
    } catch (IOException | RuntimeException e) {
      return executable;
    }
  }

  Path log() {
    return log;
  }

  /**
   * SIGTERM through the watchdog, then SIGKILL for whatever is left after a grace period. Returns
   * once the server itself has exited, not only its watchdog. Waits through interrupts (and keeps
   * the interrupt): the caller removes the server's directory next.
   */
  public void stop() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList()); // the server, the pipe reader
    all.add(process.toHandle());
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      all.forEach(ProcessHandle::destroyForcibly);
    }
    if (!exited(all, GRACE)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      all.forEach(ProcessHandle::destroyForcibly);
      exited(all, AFTER_KILL);
    }
  }

  /** Waits until every one of {@code processes} has exited, or {@code timeout} passed. */
  private static boolean exited(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean interrupted = false;
    try {
      for (ProcessHandle p : processes) {
        while (true) {
          try {
            p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (TimeoutException e) {
            return false;
          } catch (ExecutionException e) {
            break; // onExit never completes exceptionally; nothing to wait for
          }
        }
      }
      return true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
