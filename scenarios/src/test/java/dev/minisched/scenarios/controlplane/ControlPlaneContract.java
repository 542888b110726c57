package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.UserError;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Binding;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What every backend must offer a scheduler, checked against the real control plane: one control
 * plane per test class, started with {@link #settings()}, closed by the last test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ControlPlaneContract {
  ControlPlane controlPlane;

  /** The settings that select and configure the backend under test. */
  abstract Settings settings();

  /** After close: what the backend started is gone (or, for a shared cluster, still there). */
  abstract void assertStoppedAfterClose() throws Exception;

  @BeforeAll
  void start() {
    controlPlane = ControlPlanes.start(settings());
  }

  @AfterAll
  void stop() {
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  @Test
  @Order(1)
  void describesItself() {
    assertThat(controlPlane.backend()).isEqualTo(settings().get("backend").orElseThrow());
    assertThat(controlPlane.description()).contains("kube-apiserver v1.");
  }

  @Test
  @Order(2)
  void podBindsOnceAndKubectlSeesIt() throws Exception {
    CoreV1Api api = new CoreV1Api(controlPlane.newClient());
    String namespace = "default";
    if (controlPlane.isShared()) { // work in a namespace of our own, as the runner does
      namespace = unique("it");
      api.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(namespace))).execute();
    }
    String node = unique("node");
    String pod = unique("pod");
    api.createNode(new V1Node().metadata(new V1ObjectMeta().name(node))).execute();
    api.createNamespacedPod(namespace, new V1Pod()
        .metadata(new V1ObjectMeta().name(pod))
        .spec(new V1PodSpec().schedulerName("minisched").overhead(null) // kubernetes-client/java#3076
            .addContainersItem(new V1Container().name("c").image("registry.k8s.io/pause:3.10"))))
        .execute();

    V1Binding binding = new V1Binding()
        .metadata(new V1ObjectMeta().name(pod))
        .target(new V1ObjectReference().apiVersion("v1").kind("Node").name(node));
    assertThat(bindingStatus(api, namespace, binding)).isEqualTo(201);
    assertThat(api.readNamespacedPod(pod, namespace).execute().getSpec().getNodeName()).isEqualTo(node);
    assertThat(bindingStatus(api, namespace, binding)).isEqualTo(409);

    assertThat(kubectl("--namespace", namespace, "get", "pods", "--output", "wide")).contains(pod);
  }

  @Test
  @Order(3)
  void apiServerStopsAndStartsWithItsDataKept() throws Exception {
    CoreV1Api api = new CoreV1Api(controlPlane.newClient());
    if (controlPlane.isShared()) {
      assertThatThrownBy(controlPlane::stopApiServer).isInstanceOf(UserError.class)
          .hasMessageContaining("cannot be stopped or started").hasMessageContaining("-Dminisched.backend=binaries");
      return;
    }
    String node = unique("node");
    api.createNode(new V1Node().metadata(new V1ObjectMeta().name(node))).execute();

    controlPlane.stopApiServer();
    assertThatThrownBy(() -> api.readNode(node).execute()).isInstanceOf(ApiException.class)
        .hasRootCauseInstanceOf(java.net.ConnectException.class);
    controlPlane.startApiServer();

    assertThat(api.readNode(node).execute().getMetadata().getName()).isEqualTo(node); // from etcd
  }

  @Test
  @Order(4)
  void closeStopsWhatItStarted() throws Exception {
    controlPlane.close();
    assertStoppedAfterClose();
    controlPlane.close(); // twice is harmless
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  }

  /**
   * The HTTP status of POST .../pods/NAME/binding. The server answers with a Status object, which
   * client-java's execute() refuses to read as the V1Binding the API description promises; the
   * raw call shows what the server said.
   */
  private static int bindingStatus(CoreV1Api api, String namespace, V1Binding binding)
      throws ApiException, IOException {
    try (Response response = api.createNamespacedBinding(namespace, binding).buildCall(null).execute()) {
      return response.code();
    }
  }

  /** kubectl with the kubeconfig file the backend wrote; must succeed; returns its output. */
  String kubectl(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", controlPlane.kubeconfig().toString()));
    command.addAll(List.of(args));
    Process kubectl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(kubectl.exitValue()).as("kubectl exit code; output:\n%s", output).isZero();
    return output;
  }

  /** No child process of this JVM is left (the watchdogs and servers of the binaries backend). */
  static void assertNoChildProcessLeft() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(ProcessHandle.current().descendants()
            .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList()).isEmpty());
  }

  /** The kubeconfig's directory, the control plane's temporary directory, is gone. */
  void assertTemporaryDirectoryGone() {
    assertThat(Files.exists(controlPlane.kubeconfig().getParent()))
        .as("%s exists", controlPlane.kubeconfig().getParent()).isFalse();
  }
}
