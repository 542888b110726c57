package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Cluster#apply} on a real API server (binaries backend): what a manifest creates, and
 * that a manifest the server refuses creates nothing and says why in one line.
 */
class ManifestIT {
  private static ControlPlane controlPlane;
  private static CoreV1Api api;
  private static PodTracker tracker;
  private static Cluster cluster;

  @BeforeAll
  static void start() {
    controlPlane = ControlPlanes.start(Settings.with(Map.of("backend", "binaries")));
    api = new CoreV1Api(controlPlane.newClient());
    tracker = new PodTracker(controlPlane.newClient(), "default");
    tracker.start(Duration.ofSeconds(30));
    cluster = new Cluster(api, "default", "minisched", tracker, NodeFence.NONE);
  }

  @AfterAll
  static void stop() {
    if (tracker != null) {
      tracker.close();
    }
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  @Test
  void createsTheNodesAndPodsOfAManifestCompletedAsTemplatesWouldBe() throws Exception {
    List<KubernetesObject> created = cluster.apply("""
        apiVersion: v1
        kind: Node
        metadata:
          name: gpu0
        spec:
          taints:
          - {key: nvidia.com/gpu, value: present, effect: NoSchedule}
        status:
          capacity: {cpu: "8", memory: 32Gi, pods: "110", nvidia.com/gpu: "2"}
          allocatable: {cpu: 7500m, memory: 30Gi, pods: "110", nvidia.com/gpu: "2"}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: trainer
          namespace: somewhere-else
        spec:
          tolerations:
          - {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}
          containers:
          - name: main
            image: registry.k8s.io/pause:3.10
            resources:
              limits: {nvidia.com/gpu: 1}
        """);
    assertThat(created).extracting(o -> o.getMetadata().getName()).containsExactly("gpu0", "trainer");

    V1Node node = api.readNode("gpu0").execute();
    assertThat(node.getStatus().getAllocatable().get("cpu").toSuffixedString()).isEqualTo("7500m");
    assertThat(node.getStatus().getConditions()).anySatisfy(c -> assertThat(c.getType()).isEqualTo("Ready"));
    V1Pod pod = api.readNamespacedPod("trainer", "default").execute();
    assertThat(pod.getSpec().getSchedulerName()).isEqualTo("minisched");
    // The API server's defaulting: a limit with no request makes the request.
    assertThat(pod.getSpec().getContainers().get(0).getResources().getRequests().get("nvidia.com/gpu").toSuffixedString())
        .isEqualTo("1");
  }

  @Test
  void aNodeWithoutStatusGetsATemplateNodesCapacity(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("node.yaml"), "apiVersion: v1\nkind: Node\nmetadata: {name: plain}\n");
    cluster.apply(file);
    V1Node node = api.readNode("plain").execute();
    assertThat(node.getStatus().getAllocatable().get("cpu").toSuffixedString()).isEqualTo("4");
  }

  @Test
  void aManifestTheServerRefusesCreatesNothingAndSaysWhyInOneLine() throws Exception {
    assertThatThrownBy(() -> cluster.apply("""
        apiVersion: v1
        kind: Node
        metadata:
          name: would-be-created
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: Not_A_Valid_Name
        spec:
          containers: [{name: main, image: registry.k8s.io/pause:3.10}]
        """))
        .isInstanceOf(ScenarioError.class)
        .hasMessageStartingWith("the API server refused to create pod Not_A_Valid_Name (manifest line 6): "
            + "Pod \"Not_A_Valid_Name\" is invalid: metadata.name: Invalid value: \"Not_A_Valid_Name\"")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    assertThat(api.listNode().execute().getItems()).extracting(n -> n.getMetadata().getName())
        .doesNotContain("would-be-created");
    assertThat(api.listNamespacedPod("default").execute().getItems()).extracting(p -> p.getMetadata().getName())
        .doesNotContain("Not_A_Valid_Name");
  }

  @Test
  void aManifestThatDoesNotParseCreatesNothing(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pods.yaml"),
        "apiVersion: v1\nkind: Node\nmetadata: {name: parse-victim}\n---\napiVersion: v1\nkind: Pod\nspec:\n  nodeSelectr: {}\n");
    assertThatThrownBy(() -> cluster.apply(file))
        .isInstanceOf(ScenarioError.class)
        .hasMessage("manifest " + file + " line 8, column 16: V1PodSpec has no field 'nodeSelectr'");
    assertThat(api.listNode().execute().getItems()).extracting(n -> n.getMetadata().getName())
        .doesNotContain("parse-victim");
  }
}
