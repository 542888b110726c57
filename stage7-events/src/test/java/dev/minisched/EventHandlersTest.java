package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.ClusterEvent;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.time.OffsetDateTime;
import java.util.Map;
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

  static V1Node node(boolean unschedulable, Map<String, String> labels) {
    return new V1Node().metadata(new V1ObjectMeta().name("n").labels(labels))
        .spec(new V1NodeSpec().unschedulable(unschedulable));
  }

  @Test
  void aNodeUpdateBecomesTheEventsOfWhatChanged() {
    assertThat(EventHandlers.nodeSchedulingPropertiesChange(node(true, Map.of()), node(false, Map.of())))
        .containsExactly(ClusterEvent.NODE_SPEC_UNSCHEDULABLE_CHANGE);
    assertThat(EventHandlers.nodeSchedulingPropertiesChange(node(false, Map.of()), node(false, Map.of("a", "b"))))
        .containsExactly(ClusterEvent.NODE_LABEL_CHANGE);
  }

  @Test
  void aCordonIsNoEvent() {
    assertThat(EventHandlers.nodeSchedulingPropertiesChange(node(false, Map.of()), node(true, Map.of()))).isEmpty();
  }

  @Test
  void aStatusOnlyNodeUpdateIsNoEvent() {
    V1Node heartbeat = node(false, Map.of()).status(new V1NodeStatus().phase("Running"));
    assertThat(EventHandlers.nodeSchedulingPropertiesChange(node(false, Map.of()), heartbeat)).isEmpty();
  }

  @Test
  void anAllocatableChangeIsAnEventButTheSameAmountWrittenDifferentlyIsNot() {
    V1Node twoCpus = node(false, Map.of()).status(new V1NodeStatus().allocatable(Map.of("cpu", Quantity.fromString("2"))));
    V1Node fourCpus = node(false, Map.of()).status(new V1NodeStatus().allocatable(Map.of("cpu", Quantity.fromString("4"))));
    V1Node twoThousandMillis = node(false, Map.of()).status(new V1NodeStatus().allocatable(Map.of("cpu", Quantity.fromString("2000m"))));
    assertThat(EventHandlers.nodeSchedulingPropertiesChange(twoCpus, fourCpus))
        .containsExactly(ClusterEvent.NODE_ALLOCATABLE_CHANGE);
    assertThat(EventHandlers.nodeSchedulingPropertiesChange(twoCpus, twoThousandMillis)).isEmpty();
  }
}
