package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoppingTest {
  private final List<String> stopped = new ArrayList<>();

  @Test
  void stopsEveryPartAndThrowsTheFirstFailureWithTheOthersSuppressed() {
    IllegalStateException apiServer = new IllegalStateException("kube-apiserver container");
    IOException network = new IOException("network");

    assertThatThrownBy(() -> Stopping.all(List.of(
        () -> fail("kube-apiserver", apiServer), () -> stopped.add("etcd"), () -> fail("network", network),
        () -> stopped.add("directory"))))
        .isSameAs(apiServer)
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasCause(network)));
    assertThat(stopped).containsExactly("kube-apiserver", "etcd", "network", "directory");
  }

  @Test
  void afterAFailedStartTheStartsErrorStaysTheOneThrown() {
    RuntimeException startFailure = new RuntimeException("kube-apiserver did not start");
    IllegalStateException etcd = new IllegalStateException("etcd container");

    Stopping.afterFailedStart(startFailure, List.of(() -> fail("etcd", etcd), () -> stopped.add("directory")));

    assertThat(startFailure.getSuppressed()).containsExactly(etcd);
    assertThat(stopped).containsExactly("etcd", "directory");
  }

  @Test
  void anInterruptedStartStillStopsUninterruptedAndKeepsTheInterrupt() {
    Thread.currentThread().interrupt();
    List<Boolean> interruptedWhileStopping = new ArrayList<>();

    Stopping.afterFailedStart(new RuntimeException("interrupted"),
        List.of(() -> interruptedWhileStopping.add(Thread.currentThread().isInterrupted())));

    assertThat(interruptedWhileStopping).containsExactly(false);
    assertThat(Thread.interrupted()).isTrue();
  }

  private void fail(String part, Exception e) throws Exception {
    stopped.add(part);
    throw e;
  }
}
