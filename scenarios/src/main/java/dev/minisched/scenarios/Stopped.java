package dev.minisched.scenarios;

import java.util.List;
import java.util.stream.Stream;

/**
 * What one step of stopping a run stopped (the scheduler, kube-apiserver, etcd) and removed
 * (containers, a network, a temporary directory, a namespace), in words, for the one line the
 * runner prints at the very end.
 */
public record Stopped(List<String> stopped, List<String> removed) {
  public static final Stopped NOTHING = new Stopped(List.of(), List.of());

  public Stopped {
    stopped = List.copyOf(stopped);
    removed = List.copyOf(removed);
  }

  public static Stopped stopped(String... things) {
    return new Stopped(List.of(things), List.of());
  }

  public static Stopped removed(String... things) {
    return new Stopped(List.of(), List.of(things));
  }

  /** This step, then {@code next}. */
  public Stopped and(Stopped next) {
    return new Stopped(Stream.concat(stopped.stream(), next.stopped.stream()).toList(),
        Stream.concat(removed.stream(), next.removed.stream()).toList());
  }

  public boolean isEmpty() {
    return stopped.isEmpty() && removed.isEmpty();
  }

  /** E.g. "stopped: scheduler minisched, kube-apiserver, etcd; removed: /tmp/minisched-binaries-42". */
  @Override
  public String toString() {
    String what = stopped.isEmpty() ? "" : "stopped: " + String.join(", ", stopped);
    String gone = removed.isEmpty() ? "" : "removed: " + String.join(", ", removed);
    return what.isEmpty() || gone.isEmpty() ? what + gone : what + "; " + gone;
  }
}
