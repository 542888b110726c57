package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.minisched.scenarios.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;

/**
 * etcd and kube-apiserver containers from the images in MINISCHED_APISERVER_IMAGE and
 * MINISCHED_ETCD_IMAGE (or the defaults); one control plane per class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainersControlPlaneIT {
  private static ContainersControlPlane controlPlane;

  @BeforeAll
  static void start() {
    controlPlane = (ContainersControlPlane) ControlPlanes.start(Settings.with(Map.of("backend", "containers")));
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
    assertThat(controlPlane.backend()).isEqualTo("containers");
    assertThat(controlPlane.description()).contains("kube-apiserver v1.").contains("in containers");
    assertThat(controlPlane.isShared()).isFalse();
    assertThat(containers()).hasSize(2);
    assertThat(networks()).hasSize(1);
  }

  @Test
  @Order(2)
  void podBindsOnceAndKubectlSeesIt() throws Exception {
    String pod = ControlPlaneChecks.podBindsOnce(controlPlane, "default");
    ControlPlaneChecks.kubectlListsPod(controlPlane, "default", pod);
  }

  @Test
  @Order(3)
  void closeLeavesNoContainerNetworkOrDirectory() {
    controlPlane.close();
    assertThat(containers()).isEmpty();
    assertThat(networks()).isEmpty();
    ControlPlaneChecks.temporaryDirectoryGone(controlPlane);
    controlPlane.close(); // twice is harmless
  }

  /** Containers of this control plane, running or not, as Docker/Podman lists them. */
  private static List<String> containers() {
    return docker().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(ContainersControlPlane.RUN_LABEL, controlPlane.runId())).exec()
        .stream().map(c -> c.getId() + " " + c.getImage() + " " + c.getState()).toList();
  }

  private static List<String> networks() {
    return docker().listNetworksCmd().exec().stream()
        .filter(n -> n.getLabels() != null && controlPlane.runId().equals(n.getLabels().get(ContainersControlPlane.RUN_LABEL)))
        .map(n -> n.getId() + " " + n.getName()).toList();
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }
}
