package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Binding;
import io.kubernetes.client.openapi.models.V1Container;
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

/** What every backend must offer a scheduler, checked against the real control plane. */
final class ControlPlaneChecks {
  private ControlPlaneChecks() {}

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  }

  /**
   * Creates a node and a pod, binds the pod through the Binding subresource (201, spec.nodeName
   * set), and checks a second binding is refused with 409 Conflict. Returns the pod's name.
   */
  static String podBindsOnce(ControlPlane controlPlane, String namespace) throws ApiException, IOException {
    ApiClient client = controlPlane.newClient();
    CoreV1Api api = new CoreV1Api(client);
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
    return pod;
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

  /** {@code kubectl --kubeconfig FILE get pods} with the file the backend wrote lists the pod. */
  static void kubectlListsPod(ControlPlane controlPlane, String namespace, String pod)
      throws IOException, InterruptedException {
    Process kubectl = new ProcessBuilder(List.of("kubectl", "--kubeconfig", controlPlane.kubeconfig().toString(),
        "--namespace", namespace, "get", "pods", "--output", "wide"))
        .redirectErrorStream(true).start();
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(kubectl.exitValue()).as("kubectl exit code; output:\n%s", output).isZero();
    assertThat(output).contains(pod);
  }

  /** No child process of this JVM is left (the watchdogs and servers of the binaries backend). */
  static void noChildProcessLeft() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(ProcessHandle.current().descendants().map(ControlPlaneChecks::describe).toList()).isEmpty());
  }

  /** The kubeconfig's directory, the control plane's temporary directory, is gone. */
  static void temporaryDirectoryGone(ControlPlane controlPlane) {
    assertThat(controlPlane.kubeconfig().getParent()).satisfies(dir -> assertThat(Files.exists(dir)).isFalse());
  }

  private static String describe(ProcessHandle process) {
    return process.pid() + " " + process.info().commandLine().orElse("?");
  }
}
