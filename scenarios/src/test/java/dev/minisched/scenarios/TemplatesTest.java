package dev.minisched.scenarios;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  @Test
  void nodeCarriesItsSpecAndAReadyStatus() {
    V1Node n = node("node3").unschedulable().label("zone", "a")
        .taint("dedicated", "gpu", "NoSchedule").capacity("cpu", "8").toNode();
    assertThat(n.getMetadata().getName()).isEqualTo("node3");
    assertThat(n.getMetadata().getLabels()).containsEntry("zone", "a")
        .containsEntry("kubernetes.io/hostname", "node3");
    assertThat(n.getSpec().getUnschedulable()).isTrue();
    assertThat(n.getSpec().getTaints()).singleElement()
        .satisfies(t -> assertThat(t.getEffect()).isEqualTo("NoSchedule"));
    assertThat(n.getStatus().getCapacity().get("cpu").toSuffixedString()).isEqualTo("8");
    assertThat(n.getStatus().getAllocatable()).containsKeys("cpu", "memory", "pods");
    assertThat(n.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo("True");
    });
  }

  @Test
  void schedulableNodeLeavesUnschedulableUnset() {
    assertThat(node("node0").toNode().getSpec().getUnschedulable()).isNull();
  }

  @Test
  void podAsksForTheSchedulerUnderTestUnlessToldOtherwise() {
    V1Pod p = pod("pod1").tolerate("node.kubernetes.io/unschedulable", "NoSchedule")
        .requests("cpu", "500m").toPod("default", "minisched");
    assertThat(p.getSpec().getSchedulerName()).isEqualTo("minisched");
    assertThat(p.getMetadata().getNamespace()).isEqualTo("default");
    assertThat(p.getSpec().getTolerations()).singleElement()
        .satisfies(t -> assertThat(t.getOperator()).isEqualTo("Exists"));
    assertThat(p.getSpec().getContainers().get(0).getResources().getRequests()).containsKey("cpu");
    assertThat(pod("other").schedulerName("default-scheduler").toPod("ns", "minisched")
        .getSpec().getSchedulerName()).isEqualTo("default-scheduler");
  }
}
