package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.minisched.framework.Code;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.Framework;
import dev.minisched.framework.PermitPlugin;
import dev.minisched.framework.PermitResult;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's binding cycle without an API server: nothing is started, so no node
 * is in the cache and every pod the permit lets go fails to bind ("node was deleted").
 */
class BindingCycleTest {
  private static final String HOLD = "Hold";

  /** A permit plugin that holds every pod until a test allows it, or the timeout runs out. */
  private static Framework holdingFor(Duration timeout) {
    return new Framework(List.of(handle -> new PermitPlugin() {
      @Override
      public String name() {
        return HOLD;
      }

      @Override
      public PermitResult permit(CycleState state, V1Pod pod, String nodeName) {
        return PermitResult.waitFor(timeout);
      }
    }), Map.of());
  }

  private static V1Pod pod(int i) {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name("pod" + i).uid("uid" + i))
        .spec(new V1PodSpec());
  }

  private static long bindingThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("minisched-binding-"))
        .count();
  }

  @Test
  void podsHeldAtPermitHoldNoThreadAndBindOnABoundedPool() {
    Framework framework = holdingFor(Duration.ofMinutes(1));
    Scheduler scheduler = new Scheduler(new ApiClient().setReadTimeout(0), "minisched", framework);
    try (CapturedLog log = new CapturedLog()) {
      int held = 1000;
      for (int i = 0; i < held; i++) {
        V1Pod pod = pod(i);
        assertThat(framework.runPermitPlugins(new CycleState(), pod, "node1").code()).isEqualTo(Code.WAIT);
        scheduler.bindingCycle(new CycleState(), pod, "node1");
      }
      assertThat(bindingThreads()).as("binding threads while %d pods are held", held).isZero();

      framework.iterateOverWaitingPods(waiting -> waiting.allow(HOLD)); // all at once
      await().atMost(Duration.ofSeconds(20))
          .until(() -> log.text().lines().filter(line -> line.contains("not scheduled")).count() == held);
      assertThat(bindingThreads()).isBetween(1L, (long) Scheduler.BINDING_THREADS);
    } finally {
      scheduler.close();
    }
  }

  @Test
  void aPermitRejectionIsReportedAsAFitError() {
    Framework framework = holdingFor(Duration.ofMillis(100));
    Scheduler scheduler = new Scheduler(new ApiClient().setReadTimeout(0), "minisched", framework);
    try (CapturedLog log = new CapturedLog()) {
      framework.runPermitPlugins(new CycleState(), pod(1), "node1");
      scheduler.bindingCycle(new CycleState(), pod(1), "node1");
      // Upstream's wording: the one chosen node, rejected by the permit plugin's reason.
      await().atMost(Duration.ofSeconds(5)).until(() -> log.text().contains(
          "default/pod1 not scheduled: 0/1 nodes are available: 1 rejected due to timeout after waiting 100ms at plugin Hold."));
    } finally {
      scheduler.close();
    }
  }
}
