package dev.minisched.scenarios;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.SchedulingV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A scenario on a cluster it shares with others (the kubeconfig backend), here a control plane
 * the test starts and hands over by its kubeconfig, with objects of "other users" in it: the
 * scenario's nodes repel everyone else's pods and carry the run's label; leftovers of dead runs
 * are removed at start; nodes of others and of live runs are never touched.
 *
 * <p>The scheduler does nothing: what is under test is what the harness does to the cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedClusterIT {
  private static final String RUN = "minisched.dev/run";
  private static final String TAINT = "minisched.dev/scenario-node";
  private static final String HEARTBEAT = "minisched.dev/heartbeat";
  private static final Stage IDLE = new Stage("scenarios", "none", (client, name) -> () -> { });

  private ControlPlane existing;
  private CoreV1Api api;

  @BeforeAll
  void startTheExistingCluster() {
    existing = ControlPlanes.start(Settings.fromEnvironment());
    api = new CoreV1Api(existing.newClient());
  }

  @AfterAll
  void stopTheExistingCluster() {
    if (existing != null) {
      existing.close();
    }
  }

  private Settings sharedCluster() {
    return Settings.with(Map.of("backend", "kubeconfig", "kubeconfig", existing.kubeconfig().toString()));
  }

  @Test
  void scenarioNodesRepelOthersAndNothingElseIsTouched() throws Exception {
    // Others' nodes, one with a name the scenario uses too.
    V1Node foreign = api.createNode(new V1Node().metadata(new V1ObjectMeta().name("foreign"))).execute();
    V1Node node1 = api.createNode(new V1Node().metadata(new V1ObjectMeta().name("node1"))).execute();
    // A run that died an hour ago, one whose namespace is gone, and one that runs.
    runNamespace("minisched-dead0001", Instant.now().minus(Duration.ofHours(1)));
    runNode("dead-node", "minisched-dead0001");
    runNode("gone-node", "minisched-gone0001");
    runNamespace("minisched-live0001", Instant.now());
    V1Node live = runNode("live-node", "minisched-live0001");

    Map<String, Object> seen = new ConcurrentHashMap<>();
    ScenarioRunner.run(IDLE, new Scenario() {
      @Override
      public String name() {
        return "shared-cluster";
      }

      @Override
      public String description() {
        return "creates a node and a pod, and tries to touch nodes it did not create";
      }

      @Override
      public void run(Cluster cluster) throws Exception {
        seen.put("leftovers at start", List.of(exists("dead-node"), exists("gone-node")));
        cluster.createNode(node("node0"));
        cluster.setUnschedulable("node0", true);
        seen.put("node0", api.readNode("node0").execute());
        cluster.createPod(pod("pod1"));
        seen.put("pod1", api.readNamespacedPod("pod1", cluster.namespace()).execute());
        seen.put("namespace", cluster.namespace());
        seen.put("priority class", cluster.createPriorityClass("high", 1000));
        seen.put("create node1", refusal(() -> cluster.createNode(node("node1"))));
        seen.put("update foreign", refusal(() -> cluster.setUnschedulable("foreign", true)));
        seen.put("delete foreign", refusal(() -> cluster.deleteNode("foreign")));
        seen.put("delete live-node", refusal(() -> cluster.deleteNode("live-node")));
      }
    }, sharedCluster());

    assertThat(seen.get("leftovers at start")).as("dead-node, gone-node exist").isEqualTo(List.of(false, false));
    V1Node node0 = (V1Node) seen.get("node0");
    assertThat(node0.getMetadata().getLabels()).containsKey(RUN);
    assertThat(node0.getSpec().getTaints()).extracting(V1Taint::getKey, V1Taint::getEffect)
        .contains(org.assertj.core.groups.Tuple.tuple(TAINT, "NoSchedule"));
    assertThat(node0.getSpec().getUnschedulable()).as("the scenario's own change").isTrue();
    V1Pod pod1 = (V1Pod) seen.get("pod1");
    assertThat(pod1.getSpec().getTolerations()).extracting(V1Toleration::getKey, V1Toleration::getOperator,
        V1Toleration::getEffect).contains(org.assertj.core.groups.Tuple.tuple(TAINT, "Exists", "NoSchedule"));

    assertThat((String) seen.get("create node1")).contains("node1").contains("already exists")
        .contains("not created by this run");
    assertThat((String) seen.get("update foreign")).contains("node foreign").contains("not created by this run");
    assertThat((String) seen.get("delete foreign")).contains("node foreign").contains("not created by this run");
    assertThat((String) seen.get("delete live-node")).contains("node live-node").contains("not created by this run");

    // Untouched: the very same objects, same resourceVersion; the dead run's namespace goes.
    assertThat(api.readNode("foreign").execute().getMetadata().getResourceVersion())
        .isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(api.readNode("node1").execute().getMetadata().getResourceVersion())
        .isEqualTo(node1.getMetadata().getResourceVersion());
    assertThat(api.readNode("live-node").execute().getMetadata().getResourceVersion())
        .isEqualTo(live.getMetadata().getResourceVersion());
    assertThat(exists("node0")).as("the scenario's own node is deleted at the end").isFalse();
    // PriorityClasses are cluster-wide: the run's namespace in the name keeps runs apart.
    String priorityClass = (String) seen.get("priority class");
    assertThat(priorityClass).isEqualTo(seen.get("namespace") + "-high");
    assertThat(new SchedulingV1Api(api.getApiClient()).listPriorityClass().execute().getItems())
        .as("the scenario's priority class is deleted at the end")
        .noneMatch(pc -> pc.getMetadata().getName().equals(priorityClass));
    await("the dead run's namespace goes").atMost(Duration.ofSeconds(30)).until(() -> namespaceGoneOrTerminating("minisched-dead0001"));
    assertThat(namespaceGoneOrTerminating("minisched-live0001")).isFalse();
  }

  @Test
  void nodesAndPodsFromAManifestAreFencedAsTemplatesAre() throws Exception {
    Map<String, Object> seen = new ConcurrentHashMap<>();
    ScenarioRunner.run(IDLE, new Scenario() {
      @Override
      public String name() {
        return "shared-cluster-manifest";
      }

      @Override
      public String description() {
        return "applies a manifest with a node and a pod";
      }

      @Override
      public void run(Cluster cluster) throws Exception {
        cluster.apply("""
            apiVersion: v1
            kind: Node
            metadata: {name: manifest-node}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: manifest-pod, namespace: default}
            spec:
              containers: [{name: main, image: registry.k8s.io/pause:3.10}]
            """);
        seen.put("node", api.readNode("manifest-node").execute());
        seen.put("pod", api.readNamespacedPod("manifest-pod", cluster.namespace()).execute());
      }
    }, sharedCluster());

    V1Node node = (V1Node) seen.get("node");
    assertThat(node.getMetadata().getLabels()).containsKey(RUN);
    assertThat(node.getSpec().getTaints()).extracting(V1Taint::getKey).contains(TAINT);
    V1Pod pod = (V1Pod) seen.get("pod");
    assertThat(pod.getMetadata().getNamespace()).startsWith("minisched-");
    assertThat(pod.getSpec().getTolerations()).extracting(V1Toleration::getKey).contains(TAINT);
    assertThat(exists("manifest-node")).as("the manifest's node is deleted at the end").isFalse();
  }

  @Test
  void onAPrivateClusterNodesAndPodsAreLeftAsTheScenarioMadeThem() throws Exception {
    Map<String, Object> seen = new ConcurrentHashMap<>();
    ScenarioRunner.run(IDLE, new Scenario() {
      @Override
      public String name() {
        return "private-cluster";
      }

      @Override
      public String description() {
        return "creates a node and a pod on a control plane of its own";
      }

      @Override
      public void run(Cluster cluster) throws Exception {
        seen.put("node", cluster.createNode(node("node0")));
        seen.put("pod", cluster.createPod(pod("pod1")));
      }
    }, Settings.fromEnvironment());

    V1Node node0 = (V1Node) seen.get("node");
    assertThat(node0.getMetadata().getLabels()).doesNotContainKey(RUN);
    assertThat(node0.getSpec().getTaints()).isNullOrEmpty();
    assertThat(((V1Pod) seen.get("pod")).getSpec().getTolerations()).extracting(V1Toleration::getKey)
        .doesNotContain(TAINT);
  }

  /** What the harness said when it refused, or "not refused". */
  private static String refusal(Runnable call) {
    try {
      call.run();
      return "not refused";
    } catch (ScenarioError e) {
      return e.getMessage();
    }
  }

  private void runNamespace(String name, Instant heartbeat) throws ApiException {
    api.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(name)
        .labels(Map.of(RUN, name)).annotations(Map.of(HEARTBEAT, heartbeat.toString())))).execute();
  }

  private V1Node runNode(String name, String run) throws ApiException {
    return api.createNode(new V1Node().metadata(new V1ObjectMeta().name(name).labels(Map.of(RUN, run)))).execute();
  }

  private boolean exists(String node) throws ApiException {
    try {
      api.readNode(node).execute();
      return true;
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private boolean namespaceGoneOrTerminating(String name) throws ApiException {
    try {
      return api.readNamespace(name).execute().getMetadata().getDeletionTimestamp() != null;
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return true;
      }
      throw e;
    }
  }
}
