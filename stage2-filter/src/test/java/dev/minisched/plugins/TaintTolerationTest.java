package dev.minisched.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.Code;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases from upstream's taint_toleration_test.go (TestTaintTolerationFilter). */
class TaintTolerationTest {
  private final TaintToleration plugin = new TaintToleration();

  static NodeInfo node(V1Taint... taints) {
    return new NodeInfo(new V1Node().metadata(new V1ObjectMeta().name("nodeA"))
        .spec(new V1NodeSpec().taints(List.of(taints))));
  }

  static V1Pod pod(V1Toleration... tolerations) {
    return new V1Pod().metadata(new V1ObjectMeta().name("pod1"))
        .spec(new V1PodSpec().tolerations(tolerations.length == 0 ? null : List.of(tolerations)));
  }

  static V1Taint taint(String key, String value, String effect) {
    return new V1Taint().key(key).value(value).effect(effect);
  }

  Status filter(V1Pod pod, NodeInfo node) {
    return plugin.filter(new CycleState(), pod, node);
  }

  void assertRejected(V1Pod pod, NodeInfo node, String reason) {
    Status status = filter(pod, node);
    assertThat(status.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(status.reasons()).containsExactly(reason);
  }

  @Test
  void aPodWithoutTolerationsCannotGoToATaintedNode() {
    assertRejected(pod(), node(taint("dedicated", "user1", "NoSchedule")),
        "node(s) had untolerated taint(s)");
  }

  @Test
  void aPodThatToleratesTheTaintMayGo() {
    assertThat(filter(pod(new V1Toleration().key("dedicated").value("user1").effect("NoSchedule")),
        node(taint("dedicated", "user1", "NoSchedule")))).isEqualTo(Status.SUCCESS);
  }

  @Test
  void aTolerationForAnotherValueDoesNotHelp() {
    assertRejected(pod(new V1Toleration().key("dedicated").operator("Equal").value("user2").effect("NoSchedule")),
        node(taint("dedicated", "user1", "NoSchedule")), "node(s) had untolerated taint(s)");
  }

  @Test
  void existsToleratesEveryValue() {
    assertThat(filter(pod(new V1Toleration().key("foo").operator("Exists").effect("NoSchedule")),
        node(taint("foo", "bar", "NoSchedule")))).isEqualTo(Status.SUCCESS);
  }

  @Test
  void everyTaintMustBeTolerated() {
    V1Pod pod = pod(new V1Toleration().key("dedicated").operator("Equal").value("user2").effect("NoSchedule"),
        new V1Toleration().key("foo").operator("Exists").effect("NoSchedule"));
    assertThat(filter(pod, node(taint("dedicated", "user2", "NoSchedule"), taint("foo", "bar", "NoSchedule"))))
        .isEqualTo(Status.SUCCESS);
    assertRejected(pod, node(taint("dedicated", "user2", "NoSchedule"), taint("other", "x", "NoExecute")),
        "node(s) had untolerated taint(s)");
  }

  @Test
  void aTolerationForAnotherEffectDoesNotHelp() {
    assertRejected(pod(new V1Toleration().key("foo").operator("Equal").value("bar").effect("PreferNoSchedule")),
        node(taint("foo", "bar", "NoSchedule")), "node(s) had untolerated taint(s)");
  }

  @Test
  void preferNoScheduleTaintsDoNotFilter() {
    assertThat(filter(pod(), node(taint("foo", "bar", "PreferNoSchedule")))).isEqualTo(Status.SUCCESS);
  }

  @Test
  void noExecuteTaintsFilterToo() {
    assertRejected(pod(), node(new V1Taint().key("gpu").effect("NoExecute")), "node(s) had untolerated taint(s)");
  }

  /**
   * Upstream v1.34.2 on (kubernetes/kubernetes#135023): the reason, which lands in the pod's status,
   * names no taint, so nodes with different taints count as one reason in the FitError.
   */
  @Test
  void theReasonNamesNoTaint() {
    Status one = filter(pod(), node(taint("spot", "true", "PreferNoSchedule"), taint("dedicated", "gpu", "NoSchedule")));
    Status other = filter(pod(), node(taint("maintenance", "soon", "NoExecute")));
    assertThat(one.reasons()).containsExactly("node(s) had untolerated taint(s)").isEqualTo(other.reasons());
    assertThat(one.reasons().get(0)).doesNotContain("dedicated", "gpu");
  }

  @Test
  void theFirstUntoleratedTaintIsFoundInTheNodesOrder() {
    List<V1Taint> taints = List.of(taint("a", "1", "PreferNoSchedule"), taint("b", "2", "NoSchedule"), taint("c", "3", "NoSchedule"));
    assertThat(TaintToleration.findUntoleratedTaint(pod(), taints)).hasValueSatisfying(t -> assertThat(t.getKey()).isEqualTo("b"));
  }
}
