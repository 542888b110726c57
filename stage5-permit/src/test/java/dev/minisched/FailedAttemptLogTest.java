package dev.minisched;

import static dev.minisched.framework.Fixtures.container;
import static dev.minisched.framework.Fixtures.node;
import static dev.minisched.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;

/**
 * A failed attempt is one line of the scheduler's log: the pod and upstream's FitError message.
 * (The pod here is in no informer, so it counts as gone and the line says "not scheduled"; a pod
 * still there gets "could not be scheduled", from stage 6 on with where the queue put it.)
 */
class FailedAttemptLogTest {
  @Test
  void aPodThatFitsNowhereGetsOneLine() throws InterruptedException {
    Scheduler scheduler = new Scheduler(new ApiClient().setReadTimeout(0), "minisched", Scheduler.framework());
    try (CapturedLog log = new CapturedLog()) {
      scheduler.cache.addNode(node("node-a", "cpu", "1", "pods", "10"));
      V1Pod pod = pod("big", container("cpu", "2"));
      pod.getSpec().setSchedulerName("minisched");
      scheduler.queue.add(pod);
      scheduler.scheduleOne();
      assertThat(log.text().lines().filter(line -> line.contains("default/big")))
          .singleElement().asString().endsWith("default/big not scheduled: 0/1 nodes are available: 1 Insufficient cpu.");
    } finally {
      scheduler.close();
    }
  }
}
