package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Settings;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The "existing cluster" here is a binaries control plane, reached only through its kubeconfig. */
class KubeconfigControlPlaneIT {
  private static ControlPlane existing;

  @BeforeAll
  static void startExistingCluster() {
    existing = ControlPlanes.start(Settings.with(Map.of("backend", "binaries")));
  }

  @AfterAll
  static void stopExistingCluster() {
    if (existing != null) {
      existing.close();
    }
  }

  @Test
  void usesTheClusterAndLeavesItRunning() throws Exception {
    ControlPlane controlPlane = ControlPlanes.start(
        Settings.with(Map.of("backend", "kubeconfig", "kubeconfig", existing.kubeconfig().toString())));
    assertThat(controlPlane.backend()).isEqualTo("kubeconfig");
    assertThat(controlPlane.isShared()).isTrue();
    assertThat(controlPlane.kubeconfig()).isEqualTo(existing.kubeconfig());
    assertThat(controlPlane.description()).contains("kube-apiserver v1.");

    // A shared cluster: work in a namespace of our own, as the runner does.
    String namespace = ControlPlaneChecks.unique("it");
    new CoreV1Api(controlPlane.newClient())
        .createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(namespace))).execute();
    String pod = ControlPlaneChecks.podBindsOnce(controlPlane, namespace);
    ControlPlaneChecks.kubectlListsPod(controlPlane, namespace, pod);

    controlPlane.close();
    assertThat(Files.exists(existing.kubeconfig())).isTrue();
    assertThat(new VersionApi(existing.newClient()).getCode().execute().getGitVersion()).startsWith("v1.");
  }

  @Test
  void readsTheFirstFileOfKubeconfigVariable() {
    String list = existing.kubeconfig() + java.io.File.pathSeparator + "/nonexistent/config";
    try (ControlPlane controlPlane = ControlPlanes.start(Settings.with(Map.of("backend", "kubeconfig", "KUBECONFIG", list)))) {
      assertThat(controlPlane.kubeconfig()).isEqualTo(existing.kubeconfig());
    }
  }
}
