package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class EventHandlersTest {
  static V1Pod pod(String schedulerName, String nodeName) {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name("p"))
        .spec(new V1PodSpec().schedulerName(schedulerName).nodeName(nodeName));
  }

  @Test
  void queuesOnlyUnassignedPodsThatAskForThisScheduler() {
    assertThat(EventHandlers.needsScheduling(pod("minisched", null), "minisched")).isTrue();
    assertThat(EventHandlers.needsScheduling(pod("minisched", ""), "minisched")).isTrue();
    assertThat(EventHandlers.needsScheduling(pod("default-scheduler", null), "minisched")).isFalse();
    assertThat(EventHandlers.needsScheduling(pod("minisched", "node1"), "minisched")).isFalse();
  }

  @Test
  void leavesTerminatingPodsAlone() {
    V1Pod terminating = pod("minisched", null);
    terminating.getMetadata().setDeletionTimestamp(OffsetDateTime.now());
    assertThat(EventHandlers.needsScheduling(terminating, "minisched")).isFalse();
  }
}
