package dev.minisched;

import static dev.minisched.framework.Fixtures.container;
import static dev.minisched.framework.Fixtures.node;
import static dev.minisched.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.Framework;
import dev.minisched.framework.PermitPlugin;
import dev.minisched.framework.PermitResult;
import dev.minisched.plugins.NodeResourcesFit;
import dev.minisched.plugins.PrioritySort;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Why the scheduling cycle assumes the pod on its node: the binding cycle runs later, apart, and
 * until the informer reports the pod bound nothing else would count it there. Without
 * {@code cache.assumePod} in {@link Scheduler#scheduleOne} this test fails: the second pod is
 * sent to the room the first one holds.
 */
class AssumedPodTest {
  @Test
  void aPodHeldAtPermitKeepsItsRoomFromTheNextPod() throws InterruptedException {
    Framework framework = new Framework(List.of(handle -> new PrioritySort(), handle -> new NodeResourcesFit(),
        handle -> new PermitPlugin() {
      @Override
      public String name() {
        return "Hold";
      }

      @Override
      public PermitResult permit(CycleState state, V1Pod pod, String nodeName) {
        return PermitResult.waitFor(Duration.ofMinutes(1));
      }
    }), Map.of());
    Scheduler scheduler = new Scheduler(new ApiClient().setReadTimeout(0), "minisched", framework);
    try (CapturedLog log = new CapturedLog()) {
      scheduler.cache.addNode(node("node-a", "cpu", "1", "pods", "10"));
      for (String name : List.of("first", "second")) {
        V1Pod pod = pod(name, container("cpu", "1"));
        pod.getSpec().setSchedulerName("minisched");
        scheduler.queue.add(pod);
        scheduler.scheduleOne();
      }
      assertThat(framework.getWaitingPod("uid-first")).as("the first waits at permit, not bound").isPresent();
      assertThat(framework.getWaitingPod("uid-second")).as("the second got no room").isEmpty();
      assertThat(log.text()).contains("default/second not scheduled: 0/1 nodes are available: 1 Insufficient cpu.");
    } finally {
      scheduler.close();
    }
  }
}
