package dev.minisched.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.ClusterEvent;
import dev.minisched.framework.ClusterEventWithHint;
import dev.minisched.framework.Code;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAffinity;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cases from upstream's node_affinity_test.go (TestNodeAffinity) and nodeaffinity_test.go. */
class NodeAffinityTest {
  private final NodeAffinity plugin = new NodeAffinity();

  static NodeInfo node(String name, Map<String, String> labels) {
    return new NodeInfo(new V1Node().metadata(new V1ObjectMeta().name(name).labels(labels)));
  }

  static NodeInfo node(Map<String, String> labels) {
    return node("node1", labels);
  }

  static V1Pod withSelector(Map<String, String> nodeSelector) {
    return new V1Pod().metadata(new V1ObjectMeta().name("p")).spec(new V1PodSpec().nodeSelector(nodeSelector));
  }

  static V1NodeSelectorRequirement req(String key, String operator, String... values) {
    return new V1NodeSelectorRequirement().key(key).operator(operator).values(values.length == 0 ? null : List.of(values));
  }

  static V1NodeSelectorTerm term(V1NodeSelectorRequirement... expressions) {
    return new V1NodeSelectorTerm().matchExpressions(List.of(expressions));
  }

  static V1NodeSelectorTerm fieldTerm(V1NodeSelectorRequirement... fields) {
    return new V1NodeSelectorTerm().matchFields(List.of(fields));
  }

  static V1Pod withRequired(V1NodeSelectorTerm... terms) {
    return new V1Pod().metadata(new V1ObjectMeta().name("p")).spec(new V1PodSpec().affinity(new V1Affinity()
        .nodeAffinity(new V1NodeAffinity().requiredDuringSchedulingIgnoredDuringExecution(
            new V1NodeSelector().nodeSelectorTerms(List.of(terms))))));
  }

  boolean fits(V1Pod pod, NodeInfo node) {
    Status status = plugin.filter(new CycleState(), pod, node);
    if (!status.isSuccess()) {
      assertThat(status.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
      assertThat(status.reasons()).containsExactly("node(s) didn't match Pod's node affinity/selector");
    }
    return status.isSuccess();
  }

  @Test
  void noSelectorAndNoAffinityFitsAnywhere() {
    assertThat(fits(new V1Pod().spec(new V1PodSpec()), node(Map.of()))).isTrue();
  }

  @Test
  void nodeSelectorNeedsEveryLabel() {
    assertThat(fits(withSelector(Map.of("foo", "bar")), node(Map.of()))).isFalse();
    assertThat(fits(withSelector(Map.of("foo", "bar")), node(Map.of("foo", "bar")))).isTrue();
    assertThat(fits(withSelector(Map.of("foo", "bar")), node(Map.of("foo", "baz")))).isFalse();
    assertThat(fits(withSelector(Map.of("foo", "bar", "baz", "blah")), node(Map.of("foo", "bar")))).isFalse();
    assertThat(fits(withSelector(Map.of("foo", "bar", "baz", "blah")), node(Map.of("foo", "bar", "baz", "blah", "x", "y")))).isTrue();
  }

  @Test
  void inAndNotIn() {
    V1Pod in = withRequired(term(req("foo", "In", "bar", "value2")));
    assertThat(fits(in, node(Map.of("foo", "bar")))).isTrue();
    assertThat(fits(in, node(Map.of("foo", "other")))).isFalse();
    assertThat(fits(in, node(Map.of()))).isFalse();
    V1Pod notIn = withRequired(term(req("foo", "NotIn", "bar", "value2")));
    assertThat(fits(notIn, node(Map.of("foo", "bar")))).isFalse();
    assertThat(fits(notIn, node(Map.of("foo", "other")))).isTrue();
    assertThat(fits(notIn, node(Map.of()))).isTrue(); // a missing label is "not in"
  }

  @Test
  void existsAndDoesNotExist() {
    V1Pod exists = withRequired(term(req("foo", "Exists")));
    assertThat(fits(exists, node(Map.of("foo", "bar")))).isTrue();
    assertThat(fits(exists, node(Map.of("fo", "bar")))).isFalse();
    V1Pod doesNotExist = withRequired(term(req("foo", "DoesNotExist")));
    assertThat(fits(doesNotExist, node(Map.of("foo", "bar")))).isFalse();
    assertThat(fits(doesNotExist, node(Map.of("fo", "bar")))).isTrue();
  }

  @Test
  void gtAndLtCompareIntegers() {
    V1Pod gt = withRequired(term(req("GPU", "Gt", "0")));
    assertThat(fits(gt, node(Map.of("GPU", "2")))).isTrue();
    assertThat(fits(gt, node(Map.of("GPU", "0")))).isFalse();
    assertThat(fits(gt, node(Map.of("GPU", "many")))).isFalse();
    assertThat(fits(gt, node(Map.of()))).isFalse();
    V1Pod lt = withRequired(term(req("GPU", "Lt", "2")));
    assertThat(fits(lt, node(Map.of("GPU", "1")))).isTrue();
    assertThat(fits(lt, node(Map.of("GPU", "2")))).isFalse();
    // a value that is not an integer makes the term match nothing
    assertThat(fits(withRequired(term(req("GPU", "Gt", "x"))), node(Map.of("GPU", "2")))).isFalse();
  }

  @Test
  void expressionsOfATermAreAndedAndTermsAreOred() {
    V1Pod and = withRequired(term(req("foo", "In", "bar"), req("GPU", "Gt", "0")));
    assertThat(fits(and, node(Map.of("foo", "bar", "GPU", "1")))).isTrue();
    assertThat(fits(and, node(Map.of("foo", "bar")))).isFalse();
    V1Pod or = withRequired(term(req("foo", "In", "bar")), term(req("diffkey", "In", "wrong")));
    assertThat(fits(or, node(Map.of("foo", "bar")))).isTrue();
    assertThat(fits(or, node(Map.of("diffkey", "wrong")))).isTrue();
    assertThat(fits(or, node(Map.of("other", "x")))).isFalse();
  }

  @Test
  void anEmptyTermMatchesNothing() {
    assertThat(fits(withRequired(new V1NodeSelectorTerm()), node(Map.of("foo", "bar")))).isFalse();
    assertThat(fits(withRequired(), node(Map.of("foo", "bar")))).isFalse();
  }

  @Test
  void nodeSelectorAndAffinityMustBothMatch() {
    V1Pod both = withRequired(term(req("foo", "Exists")));
    both.getSpec().setNodeSelector(Map.of("zone", "a"));
    assertThat(fits(both, node(Map.of("foo", "bar", "zone", "a")))).isTrue();
    assertThat(fits(both, node(Map.of("foo", "bar", "zone", "b")))).isFalse();
    assertThat(fits(both, node(Map.of("zone", "a")))).isFalse();
  }

  @Test
  void matchFieldsKnowsTheNodesName() {
    V1Pod named = withRequired(fieldTerm(req("metadata.name", "In", "node1")));
    assertThat(fits(named, node("node1", Map.of()))).isTrue();
    assertThat(fits(named, node("node2", Map.of()))).isFalse();
    V1Pod notNamed = withRequired(fieldTerm(req("metadata.name", "NotIn", "node1")));
    assertThat(fits(notNamed, node("node1", Map.of()))).isFalse();
    assertThat(fits(notNamed, node("node2", Map.of()))).isTrue();
    // fields and labels in one term are ANDed
    V1NodeSelectorTerm both = fieldTerm(req("metadata.name", "In", "node1")).matchExpressions(List.of(req("foo", "In", "bar")));
    assertThat(fits(withRequired(both), node("node1", Map.of("foo", "bar")))).isTrue();
    assertThat(fits(withRequired(both), node("node1", Map.of()))).isFalse();
    // In with more than one value is malformed for a field
    assertThat(fits(withRequired(fieldTerm(req("metadata.name", "In", "node1", "node2"))), node("node1", Map.of()))).isFalse();
  }

  @Test
  void aNewNodeOrALabelChangeMayHelpButATaintChangeCannot() {
    List<ClusterEventWithHint> registered = plugin.eventsToRegister();
    assertThat(registered).anyMatch(e -> e.event().matches(ClusterEvent.NODE_ADD));
    assertThat(registered).anyMatch(e -> e.event().matches(ClusterEvent.NODE_LABEL_CHANGE));
    assertThat(registered).noneMatch(e -> e.event().matches(ClusterEvent.NODE_TAINT_CHANGE));
    assertThat(registered).noneMatch(e -> e.event().matches(ClusterEvent.NODE_ALLOCATABLE_CHANGE));
    assertThat(registered).noneMatch(e -> e.event().matches(ClusterEvent.ASSIGNED_POD_DELETE));
  }
}
