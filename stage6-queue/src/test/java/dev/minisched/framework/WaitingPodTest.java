package dev.minisched.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitingPodTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopTimers() {
    timers.shutdownNow();
  }

  private WaitingPod waitingFor(Duration timeout, String... plugins) {
    Map<String, Duration> timeouts = new LinkedHashMap<>();
    for (String plugin : plugins) {
      timeouts.put(plugin, timeout);
    }
    return new WaitingPod(new V1Pod().metadata(new V1ObjectMeta().name("p").uid("u")), "node1", timeouts, timers);
  }

  private static CompletableFuture<Status> decisionOf(WaitingPod pod) {
    return pod.decision();
  }

  @Test
  void allowedWhenEveryWaitingPluginAllows() {
    WaitingPod pod = waitingFor(Duration.ofMinutes(1), "A", "B");
    CompletableFuture<Status> decision = decisionOf(pod);
    assertThat(pod.allow("A")).isTrue();
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> !decision.isDone());
    assertThat(pod.pendingPlugins()).containsExactly("B");
    assertThat(pod.allow("A")).as("a second allow from the same plugin").isFalse();
    // From another thread, as a plugin's timer would.
    CompletableFuture.runAsync(() -> pod.allow("B"));
    assertThat(decision.join()).isEqualTo(Status.SUCCESS);
  }

  @Test
  void oneRejectionIsEnoughAndTheFirstDecisionWins() {
    WaitingPod pod = waitingFor(Duration.ofMinutes(1), "A", "B");
    assertThat(pod.reject("B", "no room in the gang")).isTrue();
    assertThat(pod.allow("A")).isFalse();
    assertThat(pod.reject("A", "too late")).isFalse();
    Status decision = decisionOf(pod).join();
    assertThat(decision.code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(decision.plugin()).isEqualTo("B");
    assertThat(decision.message()).isEqualTo("no room in the gang");
    assertThat(pod.pendingPlugins()).isEmpty();
  }

  /** Upstream's newWaitingPod (waiting_pods_map.go): its message prints the timeout with Go's %v. */
  @Test
  void aPluginThatNeverAnswersTimesOut() {
    WaitingPod pod = waitingFor(Duration.ofMillis(200), "Slow");
    Status decision = decisionOf(pod).join();
    assertThat(decision.code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(decision.plugin()).isEqualTo("Slow");
    assertThat(decision.message()).isEqualTo("rejected due to timeout after waiting 200ms at plugin Slow");
  }

  @Test
  void allowingCancelsTheTimer() {
    WaitingPod pod = waitingFor(Duration.ofMillis(300), "A");
    assertThat(pod.allow("A")).isTrue();
    await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
        .until(() -> decisionOf(pod).join().isSuccess());
  }
}
