package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Settings;
import io.kubernetes.client.openapi.apis.VersionApi;
import java.io.File;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The "existing cluster" is a binaries control plane, reached only through its kubeconfig. */
class KubeconfigControlPlaneIT extends ControlPlaneContract {
  private ControlPlane existing;

  @Override
  Settings settings() {
    if (existing == null) {
      existing = ControlPlanes.start(Settings.with(Map.of("backend", "binaries")));
    }
    return Settings.with(Map.of("backend", "kubeconfig", "kubeconfig", existing.kubeconfig().toString()));
  }

  @AfterAll
  void stopExistingCluster() {
    if (existing != null) {
      existing.close();
    }
  }

  @Override
  void assertStoppedAfterClose() throws Exception {
    assertThat(controlPlane.isShared()).isTrue();
    assertThat(controlPlane.kubeconfig()).isEqualTo(existing.kubeconfig());
    assertThat(Files.exists(existing.kubeconfig())).isTrue();
    assertThat(new VersionApi(existing.newClient()).getCode().execute().getGitVersion()).startsWith("v1.");
  }

  @Test
  void readsTheFirstFileOfTheKubeconfigVariable() {
    String list = existing.kubeconfig() + File.pathSeparator + "/nonexistent/config";
    try (ControlPlane fromVariable = ControlPlanes.start(Settings.with(Map.of("backend", "kubeconfig", "KUBECONFIG", list)))) {
      assertThat(fromVariable.kubeconfig()).isEqualTo(existing.kubeconfig());
    }
  }
}
