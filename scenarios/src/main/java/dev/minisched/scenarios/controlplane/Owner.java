package dev.minisched.scenarios.controlplane;

import java.time.Instant;
import java.util.Optional;

/**
 * The process that made something meant to live no longer than itself: a temporary directory, a
 * container, a network. A JVM killed with SIGKILL removes none of them, so each carries its
 * owner, and the next run removes what belongs to owners that are gone.
 *
 * <p>A process id alone is not enough: ids are reused. The id and the process's start time
 * together name one process for as long as the machine runs.
 *
 * @param start the start time as {@link ProcessHandle.Info#startInstant()} reports it
 */
record Owner(long pid, String start) {

  /** This JVM. */
  static Owner current() {
    return of(ProcessHandle.current());
  }

  static Owner of(ProcessHandle process) {
    return new Owner(process.pid(), startOf(process));
  }

  /** Reads {@link #toString()}'s form; empty for anything else (not ours to judge). */
  static Optional<Owner> parse(String text) {
    String[] parts = text.trim().split(" ");
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Owner(Long.parseLong(parts[0]), parts[1]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** True when no process with this id runs, or the one that does started at another time. */
  boolean isGone() {
    return ProcessHandle.of(pid).map(process -> !startOf(process).equals(start)).orElse(true);
  }

  /** "PID START", e.g. {@code 4242 2026-12-01T18:55:06.120Z}. */
  @Override
  public String toString() {
    return pid + " " + start;
  }

  private static String startOf(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toString).orElse("unknown");
  }
}
