package dev.minisched.plugins;

import static dev.minisched.framework.Fixtures.container;
import static dev.minisched.framework.Fixtures.node;
import static dev.minisched.framework.Fixtures.on;
import static dev.minisched.framework.Fixtures.pod;
import static dev.minisched.framework.QueueingHint.QUEUE;
import static dev.minisched.framework.QueueingHint.QUEUE_SKIP;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each real plugin's queueing hint, Queue and QueueSkip. Cases from upstream's tests of the
 * isSchedulableAfter* functions (fit_test.go, taint_toleration_test.go, node_affinity_test.go,
 * node_unschedulable_test.go); upstream's nodes offer 32 pods unless told otherwise, so do these.
 */
class QueueingHintsTest {
  private static final String EXT_A = "example.com/aaa";
  private static final String EXT_B = "example.com/bbb";

  // NodeResourcesFit: pod deleted

  @Test
  void fitQueuesWhenAPodOnANodeIsDeleted() throws Exception {
    V1Pod pending = pod("pod1", container("cpu", "1"));
    V1Pod deleted = on(pod("pod2", container("cpu", "1")), "fake");
    assertThat(NodeResourcesFit.isSchedulableAfterPodEvent(pending, deleted, null)).isEqualTo(QUEUE);
  }

  @Test
  void fitSkipsWhenAPodOnNoNodeIsDeleted() throws Exception {
    V1Pod pending = pod("pod1", container("cpu", "1"));
    V1Pod deleted = pod("pod2", container("cpu", "1"));
    assertThat(NodeResourcesFit.isSchedulableAfterPodEvent(pending, deleted, null)).isEqualTo(QUEUE_SKIP);
  }

  // NodeResourcesFit: node added or its allocatable changed

  private static final V1Pod MEM2_A1 = pod("p", container("memory", "2", EXT_A, "1"));

  @Test
  void fitSkipsANewNodeWithTooLittleOfAResource() throws Exception {
    V1Pod pending = pod("p", container("memory", "2"));
    assertThat(NodeResourcesFit.isSchedulableAfterNodeChange(pending, null, node("n", "memory", "1", "pods", "32")))
        .isEqualTo(QUEUE_SKIP);
  }

  @Test
  void fitSkipsANewNodeWithoutTheResourceTypeAtAll() throws Exception {
    V1Pod pending = pod("p", container(EXT_A, "1"));
    assertThat(NodeResourcesFit.isSchedulableAfterNodeChange(pending, null, node("n", EXT_B, "1", "pods", "32")))
        .isEqualTo(QUEUE_SKIP);
  }

  @Test
  void fitQueuesANewNodeWithEnough() throws Exception {
    assertThat(NodeResourcesFit.isSchedulableAfterNodeChange(MEM2_A1, null,
        node("n", "memory", "4", EXT_A, "2", "pods", "32"))).isEqualTo(QUEUE);
  }

  @Test
  void fitSkipsANodeThatBecameTooSmall() throws Exception {
    assertThat(NodeResourcesFit.isSchedulableAfterNodeChange(MEM2_A1,
        node("n", "memory", "4", EXT_A, "2", "pods", "32"),
        node("n", "memory", "1", EXT_A, "2", "pods", "32"))).isEqualTo(QUEUE_SKIP);
  }

  @Test
  void fitQueuesANodeThatBecameBigEnough() throws Exception {
    assertThat(NodeResourcesFit.isSchedulableAfterNodeChange(MEM2_A1,
        node("n", "memory", "1", EXT_A, "2", "pods", "32"),
        node("n", "memory", "4", EXT_A, "2", "pods", "32"))).isEqualTo(QUEUE);
  }

  @Test
  void fitSkipsANodeThatGrewOnlyInWhatThePodDoesNotAskFor() throws Exception {
    V1Pod cpuOnly = pod("p", container("cpu", "1"));
    assertThat(NodeResourcesFit.isSchedulableAfterNodeChange(cpuOnly,
        node("n", "cpu", "2", "memory", "1Gi", "pods", "32"),
        node("n", "cpu", "2", "memory", "2Gi", "pods", "32"))).isEqualTo(QUEUE_SKIP);
  }

  @Test
  void fitQueuesANodeThatOffersMorePodSlots() throws Exception {
    V1Pod cpuOnly = pod("p", container("cpu", "1"));
    assertThat(NodeResourcesFit.isSchedulableAfterNodeChange(cpuOnly,
        node("n", "cpu", "2", "pods", "1"),
        node("n", "cpu", "2", "pods", "2"))).isEqualTo(QUEUE);
  }

  // TaintToleration

  private static final V1Taint TAINT = new V1Taint().key("taint-key").value("taint-value").effect("NoSchedule");
  private static final V1Pod TOLERATING = withTolerations(
      new V1Toleration().key("taint-key").operator("Equal").value("taint-value").effect("NoSchedule"));
  private static final V1Pod INTOLERANT = withTolerations();

  @Test
  void taintSkipsANewNodeWithAnUntoleratedTaint() throws Exception {
    assertThat(TaintToleration.isSchedulableAfterNodeChange(INTOLERANT, null, tainted(TAINT))).isEqualTo(QUEUE_SKIP);
  }

  @Test
  void taintQueuesANewNodeWithATaintItTolerates() throws Exception {
    assertThat(TaintToleration.isSchedulableAfterNodeChange(TOLERATING, null, tainted(TAINT))).isEqualTo(QUEUE);
  }

  @Test
  void taintSkipsAChangeThatLeavesItTolerated() throws Exception {
    V1Node newer = tainted(TAINT);
    newer.getMetadata().putLabelsItem("foo", "bar");
    assertThat(TaintToleration.isSchedulableAfterNodeChange(TOLERATING, tainted(TAINT), newer)).isEqualTo(QUEUE_SKIP);
  }

  @Test
  void taintQueuesWhenTheUntoleratedTaintIsRemoved() throws Exception {
    assertThat(TaintToleration.isSchedulableAfterNodeChange(INTOLERANT, tainted(TAINT), tainted())).isEqualTo(QUEUE);
  }

  @Test
  void taintSkipsWhenAnUntoleratedTaintIsAdded() throws Exception {
    assertThat(TaintToleration.isSchedulableAfterNodeChange(INTOLERANT, tainted(), tainted(TAINT))).isEqualTo(QUEUE_SKIP);
  }

  // NodeAffinity

  private static final V1Pod WANTS_FOO_BAR = pod("p");

  static {
    WANTS_FOO_BAR.getSpec().setNodeSelector(Map.of("foo", "bar"));
  }

  @Test
  void affinityQueuesANewNodeThatMatches() throws Exception {
    assertThat(NodeAffinity.isSchedulableAfterNodeChange(WANTS_FOO_BAR, null, labelled("foo", "bar"))).isEqualTo(QUEUE);
  }

  @Test
  void affinitySkipsANewNodeThatDoesNotMatch() throws Exception {
    assertThat(NodeAffinity.isSchedulableAfterNodeChange(WANTS_FOO_BAR, null, labelled("foo", "fuz")))
        .isEqualTo(QUEUE_SKIP);
  }

  @Test
  void affinityQueuesANodeThatNowMatches() throws Exception {
    assertThat(NodeAffinity.isSchedulableAfterNodeChange(WANTS_FOO_BAR, labelled("foo", "fuz"), labelled("foo", "bar")))
        .isEqualTo(QUEUE);
  }

  @Test
  void affinitySkipsANodeThatMatchedAlready() throws Exception {
    V1Node newer = labelled("foo", "bar");
    newer.getMetadata().putLabelsItem("other", "x");
    assertThat(NodeAffinity.isSchedulableAfterNodeChange(WANTS_FOO_BAR, labelled("foo", "bar"), newer))
        .isEqualTo(QUEUE_SKIP);
  }

  @Test
  void affinitySkipsANodeThatStillDoesNotMatch() throws Exception {
    assertThat(NodeAffinity.isSchedulableAfterNodeChange(WANTS_FOO_BAR, labelled("foo", "fuz"), labelled("foo", "baz")))
        .isEqualTo(QUEUE_SKIP);
  }

  // NodeUnschedulable

  @Test
  void unschedulableQueuesANewSchedulableNode() throws Exception {
    assertThat(NodeUnschedulable.isSchedulableAfterNodeChange(pod("p"), null, cordoned(false))).isEqualTo(QUEUE);
  }

  @Test
  void unschedulableSkipsANewCordonedNode() throws Exception {
    assertThat(NodeUnschedulable.isSchedulableAfterNodeChange(pod("p"), null, cordoned(true))).isEqualTo(QUEUE_SKIP);
  }

  @Test
  void unschedulableQueuesAnUncordon() throws Exception {
    assertThat(NodeUnschedulable.isSchedulableAfterNodeChange(pod("p"), cordoned(true), cordoned(false)))
        .isEqualTo(QUEUE);
  }

  @Test
  void unschedulableSkipsAChangeOfANodeThatWasNeverCordoned() throws Exception {
    assertThat(NodeUnschedulable.isSchedulableAfterNodeChange(pod("p"), cordoned(false), cordoned(false)))
        .isEqualTo(QUEUE_SKIP);
  }

  @Test
  void unschedulableSkipsACordon() throws Exception {
    assertThat(NodeUnschedulable.isSchedulableAfterNodeChange(pod("p"), cordoned(false), cordoned(true)))
        .isEqualTo(QUEUE_SKIP);
  }

  @Test
  void unschedulableSkipsATaintChangeOfANodeThatStaysCordoned() throws Exception {
    V1Node newer = cordoned(true);
    newer.getSpec().setTaints(List.of(TAINT));
    assertThat(NodeUnschedulable.isSchedulableAfterNodeChange(pod("p"), cordoned(true), newer)).isEqualTo(QUEUE_SKIP);
  }

  private static V1Pod withTolerations(V1Toleration... tolerations) {
    V1Pod pod = pod("p");
    pod.getSpec().setTolerations(List.of(tolerations));
    return pod;
  }

  private static V1Node tainted(V1Taint... taints) {
    V1Node node = node("n");
    node.setSpec(new V1NodeSpec().taints(List.of(taints)));
    return node;
  }

  private static V1Node labelled(String key, String value) {
    V1Node node = node("n");
    node.getMetadata().putLabelsItem(key, value);
    return node;
  }

  private static V1Node cordoned(boolean unschedulable) {
    V1Node node = node("n");
    node.setSpec(new V1NodeSpec().unschedulable(unschedulable));
    return node;
  }
}
