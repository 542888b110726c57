package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A normal stop is not an error: a scheduler closed while its watches are busy (nodes keep
 * arriving, as at the end of a run or a benchmark, when the harness cleans up) logs no ERROR and
 * no stack trace. client-java's informers report the watch that close() itself cut off as a
 * failure ("Reflector loop failed unexpectedly", IllegalStateException: closed) unless the
 * scheduler tells them otherwise.
 */
class CleanStopIT {
  private static final int ROUNDS = 8;

  @Test
  void aSchedulerStoppedWhileItsWatchesAreBusyLogsNoError() throws Exception {
    try (ControlPlane controlPlane = ControlPlanes.start(Settings.fromEnvironment())) {
      ApiClient client = controlPlane.newClient();
      CoreV1Api api = new CoreV1Api(controlPlane.newClient());
      AtomicInteger created = new AtomicInteger();
      for (int round = 0; round < ROUNDS; round++) {
        Scheduler scheduler = Scheduler.start(client, "minisched");
        AtomicBoolean busy = new AtomicBoolean(true);
        CompletableFuture<Void> nodes = CompletableFuture.runAsync(() -> {
          while (busy.get()) {
            createNode(api, "busy-" + created.incrementAndGet());
          }
        });
        int before = created.get();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> created.get() > before + 20);
        try (CapturedLog log = new CapturedLog()) {
          scheduler.close();
          // The informers' threads report the cut-off watch after close() returned; wait for them.
          Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet()
              .stream().noneMatch(thread -> thread.getName().startsWith("controller-reflector-")));
          assertThat(log.text().lines().filter(line -> line.contains("ERROR") || line.contains("Exception")))
              .as("log lines while stopping, round %d", round).isEmpty();
        } finally {
          busy.set(false);
          nodes.join();
        }
      }
    }
  }

  private static void createNode(CoreV1Api api, String name) {
    try {
      api.createNode(new V1Node().metadata(new V1ObjectMeta().name(name))).execute();
    } catch (ApiException e) {
      throw new IllegalStateException(e);
    }
  }
}
