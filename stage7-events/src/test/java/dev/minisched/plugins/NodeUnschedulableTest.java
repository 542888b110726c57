package dev.minisched.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.ClusterEvent;
import dev.minisched.framework.ClusterEventWithHint;
import dev.minisched.framework.Code;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeUnschedulableTest {
  private final NodeUnschedulable plugin = new NodeUnschedulable();

  static NodeInfo node(Boolean unschedulable) {
    return new NodeInfo(new V1Node().metadata(new V1ObjectMeta().name("n"))
        .spec(new V1NodeSpec().unschedulable(unschedulable)));
  }

  static V1Pod pod(V1Toleration... tolerations) {
    return new V1Pod().metadata(new V1ObjectMeta().name("p"))
        .spec(new V1PodSpec().tolerations(tolerations.length == 0 ? null : List.of(tolerations)));
  }

  @Test
  void schedulableNodesPass() {
    assertThat(plugin.filter(new CycleState(), pod(), node(null))).isEqualTo(Status.SUCCESS);
    assertThat(plugin.filter(new CycleState(), pod(), node(false))).isEqualTo(Status.SUCCESS);
  }

  @Test
  void cordonedNodesAreRejectedAsUnresolvable() {
    Status status = plugin.filter(new CycleState(), pod(), node(true));
    assertThat(status.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(status.reasons()).containsExactly("node(s) were unschedulable");
  }

  @Test
  void aPodThatToleratesTheUnschedulableTaintMayGoThere() {
    V1Toleration exists = new V1Toleration().key("node.kubernetes.io/unschedulable").operator("Exists").effect("NoSchedule");
    V1Toleration anyEffect = new V1Toleration().key("node.kubernetes.io/unschedulable").operator("Exists");
    V1Toleration everything = new V1Toleration().operator("Exists");
    for (V1Toleration t : List.of(exists, anyEffect, everything)) {
      assertThat(plugin.filter(new CycleState(), pod(t), node(true))).as(t.toString()).isEqualTo(Status.SUCCESS);
    }
  }

  @Test
  void otherTolerationsDoNotHelp() {
    V1Toleration otherKey = new V1Toleration().key("dedicated").operator("Exists");
    V1Toleration otherEffect = new V1Toleration().key("node.kubernetes.io/unschedulable").operator("Exists").effect("NoExecute");
    V1Toleration wrongValue = new V1Toleration().key("node.kubernetes.io/unschedulable").value("yes").effect("NoSchedule");
    for (V1Toleration t : List.of(otherKey, otherEffect, wrongValue)) {
      assertThat(plugin.filter(new CycleState(), pod(t), node(true)).isRejected()).as(t.toString()).isTrue();
    }
  }

  @Test
  void aNewNodeOrAnUncordonMayHelpButALabelChangeCannot() {
    List<ClusterEventWithHint> registered = plugin.eventsToRegister();
    assertThat(registered).anyMatch(e -> e.event().matches(ClusterEvent.NODE_ADD));
    assertThat(registered).anyMatch(e -> e.event().matches(ClusterEvent.NODE_SPEC_UNSCHEDULABLE_CHANGE));
    assertThat(registered).noneMatch(e -> e.event().matches(ClusterEvent.NODE_LABEL_CHANGE));
  }
}
