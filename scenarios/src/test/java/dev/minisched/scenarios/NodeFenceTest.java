package dev.minisched.scenarios;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.openapi.models.V1Toleration;
import org.junit.jupiter.api.Test;

class NodeFenceTest {
  private final NodeFence fence = NodeFence.forRun("minisched-1234abcd");

  @Test
  void aFencedNodeCarriesTheRunAndTheTaintOnceBesideItsOwn() {
    V1Node node = fence.fence(fence.fence(node("node1").label("zone", "a").taint("gpu", "true", "NoSchedule").toNode()));

    assertThat(node.getMetadata().getLabels()).containsEntry("zone", "a")
        .containsEntry("minisched.dev/run", "minisched-1234abcd");
    assertThat(node.getSpec().getTaints()).extracting(V1Taint::getKey)
        .containsExactly("gpu", "minisched.dev/scenario-node");
    assertThat(fence.owns(node)).isTrue();
    assertThat(NodeFence.forRun("minisched-other").owns(node)).isFalse();
    assertThat(fence.owns(node("foreign").toNode())).isFalse();
  }

  @Test
  void anAdmittedPodToleratesTheTaintBesideItsOwnTolerations() {
    V1Pod pod = fence.admit(pod("pod1").tolerate("gpu", "NoSchedule").toPod("ns", "minisched"));

    assertThat(pod.getSpec().getTolerations()).extracting(V1Toleration::getKey, V1Toleration::getOperator)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("gpu", "Exists"),
            org.assertj.core.groups.Tuple.tuple("minisched.dev/scenario-node", "Exists"));
  }

  @Test
  void onAPrivateClusterNothingChangesAndEveryNodeIsTheRuns() {
    V1Node node = NodeFence.NONE.fence(node("node1").toNode());
    assertThat(node.getMetadata().getLabels()).doesNotContainKey("minisched.dev/run");
    assertThat(node.getSpec().getTaints()).isNull();
    assertThat(NodeFence.NONE.admit(pod("pod1").toPod("ns", "minisched")).getSpec().getTolerations()).isNull();
    assertThat(NodeFence.NONE.owns(node("foreign").toNode())).isTrue();
  }
}
