package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Settings;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** etcd and kube-apiserver from KUBEBUILDER_ASSETS (or -Dminisched.binaries.dir); one per class. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BinariesControlPlaneIT {
  private static ControlPlane controlPlane;

  @BeforeAll
  static void start() {
    controlPlane = ControlPlanes.start(Settings.with(Map.of("backend", "binaries")));
  }

  @AfterAll
  static void stop() {
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  @Test
  @Order(1)
  void describesItselfAndIsNotShared() {
    assertThat(controlPlane.backend()).isEqualTo("binaries");
    assertThat(controlPlane.description()).contains("kube-apiserver v1.").contains("etcd ");
    assertThat(controlPlane.isShared()).isFalse();
  }

  @Test
  @Order(2)
  void podBindsOnceAndKubectlSeesIt() throws Exception {
    String pod = ControlPlaneChecks.podBindsOnce(controlPlane, "default");
    ControlPlaneChecks.kubectlListsPod(controlPlane, "default", pod);
  }

  @Test
  @Order(3)
  void closeLeavesNoProcessAndNoDirectory() {
    assertThat(ProcessHandle.current().descendants()).isNotEmpty();
    controlPlane.close();
    ControlPlaneChecks.noChildProcessLeft();
    ControlPlaneChecks.temporaryDirectoryGone(controlPlane);
    controlPlane.close(); // twice is harmless
  }
}
