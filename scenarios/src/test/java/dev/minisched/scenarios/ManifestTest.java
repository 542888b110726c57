package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Reading manifests: what comes out, and the one line a mistake gets (where, and what). */
class ManifestTest {
  private static final String NODE_AND_POD = """
      apiVersion: v1
      kind: Node
      metadata:
        name: gpu0
        labels:
          accelerator: a100
      spec:
        taints:
        - key: nvidia.com/gpu
          value: present
          effect: NoSchedule
      status:
        capacity:
          cpu: 8
          nvidia.com/gpu: 2
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: trainer
      spec:
        tolerations:
        - key: nvidia.com/gpu
          operator: Exists
          effect: NoSchedule
          tolerationSeconds: 30
        containers:
        - name: main
          image: registry.k8s.io/pause:3.10
          resources:
            requests:
              cpu: 500m
              nvidia.com/gpu: 1
      """;

  @Test
  void readsNodesAndPodsInOrderWithTheLineEachStartsOn() {
    List<Manifest.Entry> entries = Manifest.parse(NODE_AND_POD, "manifest");
    assertThat(entries).extracting(Manifest.Entry::line).containsExactly(1, 17);

    V1Node node = (V1Node) entries.get(0).object();
    assertThat(node.getMetadata().getName()).isEqualTo("gpu0");
    assertThat(node.getMetadata().getLabels()).containsEntry("accelerator", "a100");
    assertThat(node.getSpec().getTaints()).singleElement()
        .satisfies(t -> assertThat(t.getValue()).isEqualTo("present"));
    assertThat(node.getStatus().getCapacity().get("nvidia.com/gpu").getNumber()).isEqualByComparingTo("2");

    V1Pod pod = (V1Pod) entries.get(1).object();
    assertThat(pod.getSpec().getTolerations()).singleElement()
        .satisfies(t -> assertThat(t.getTolerationSeconds()).isEqualTo(30L));
    assertThat(pod.getSpec().getContainers().get(0).getResources().getRequests().get("cpu").toSuffixedString())
        .isEqualTo("500m");
  }

  @Test
  void aNodeWithoutStatusIsCompletedAsATemplateNodeWouldBe() {
    V1Node node = (V1Node) Manifest.parse("""
        apiVersion: v1
        kind: Node
        metadata:
          name: plain
        """, "manifest").get(0).object();
    NodeTemplate.completeStatus(node);
    assertThat(node.getStatus().getAllocatable().get("cpu").toSuffixedString()).isEqualTo("4");
    assertThat(node.getStatus().getConditions()).singleElement()
        .satisfies(c -> assertThat(c.getType()).isEqualTo("Ready"));
  }

  @Test
  void syntaxErrorNamesItsLineAndColumn() {
    assertFails("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
          - name: c
           image: x
        """)
        .hasMessageStartingWith("manifest line 8, column 4: expected <block end>, but found '<block mapping start>'");
  }

  @Test
  void tabIndentationNamesItsLine() {
    assertFails("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n")
        .hasMessageStartingWith("manifest line 4, column 1: found character '\\t(TAB)' that cannot start any token");
  }

  @Test
  void unknownFieldNamesItsLineAndTheType() {
    assertFails("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          nodeSelectr: {zone: a}
          containers: [{name: c, image: x}]
        """)
        .hasMessage("manifest line 6, column 16: V1PodSpec has no field 'nodeSelectr'");
  }

  @Test
  void badQuantityNamesItsLine() {
    assertFails("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: c
            image: x
            resources:
              requests:
                cpu: lots
        """)
        .hasMessage("manifest line 10, column 14: Unable to parse numeric part of quantity: lots");
  }

  @Test
  void wordWhereANumberBelongsNamesItsLine() {
    assertFails("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priority: high\n")
        .hasMessage("manifest line 5, column 13: expected a number, found \"high\"");
  }

  @Test
  void secondDocumentsLinesCountFromTheTopOfTheText() {
    assertFails(NODE_AND_POD.replace("tolerationSeconds: 30", "tolerationSeconds: soon"))
        .hasMessageStartingWith("manifest line 26, column 24: ");
  }

  @Test
  void duplicateKeyIsAMistake() {
    assertFails("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nkind: Node\n")
        .hasMessageContaining("line 4").hasMessageContaining("duplicate key kind");
  }

  @Test
  void otherKindsAreRefusedByName() {
    assertFails("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n")
        .hasMessage("manifest line 1, column 1: apps/v1 Deployment is not something a scenario can create; "
            + "a manifest holds v1 Nodes and Pods");
  }

  @Test
  void missingKindOrNotAnObject() {
    assertFails("apiVersion: v1\nmetadata: {name: p}\n")
        .hasMessage("manifest line 1, column 1: the object has no kind; write apiVersion: v1 and kind: Node or Pod");
    assertFails("---\n- a\n- b\n").hasMessageStartingWith("manifest line 2, column 1: expected an object with apiVersion and kind");
    assertFails("# nothing here\n").hasMessage("manifest holds no Node or Pod");
    assertFails("apiVersion: v1\nkind: Pod\nmetadata: {generateName: web-}\n")
        .hasMessage("manifest line 1, column 1: the Pod has no metadata.name");
  }

  @Test
  void everyMessageIsOneLine() {
    for (String text : List.of("a: [", "kind: Pod\napiVersion: v1\nspec: {containers: {name: c}}\n", "\"unterminated\n")) {
      assertThatThrownBy(() -> Manifest.parse(text, "manifest pods.yaml"))
          .isInstanceOf(ScenarioError.class)
          .hasMessageStartingWith("manifest pods.yaml")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(String text) {
    return assertThatThrownBy(() -> Manifest.parse(text, "manifest")).isInstanceOf(ScenarioError.class);
  }
}
