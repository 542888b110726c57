package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.minisched.scenarios.Settings;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * etcd and kube-apiserver containers from the images in MINISCHED_APISERVER_IMAGE and
 * MINISCHED_ETCD_IMAGE (or the defaults), asked about through the Docker/Podman API.
 */
class ContainersControlPlaneIT extends ControlPlaneContract {
  private String runId;

  @Override
  Settings settings() {
    return Settings.with(Map.of("backend", "containers"));
  }

  @Test
  @Order(0)
  void runsTwoLabelledContainersOnANetworkOfTheirOwn() {
    Matcher label = Pattern.compile(Pattern.quote(ContainersControlPlane.RUN_LABEL) + "=(\\S+)")
        .matcher(controlPlane.description());
    assertThat(label.find()).as("description names the run label: %s", controlPlane.description()).isTrue();
    runId = label.group(1);
    assertThat(containers()).hasSize(2);
    assertThat(networks()).hasSize(1);
  }

  @Override
  void assertStoppedAfterClose() {
    assertThat(controlPlane.isShared()).isFalse();
    assertThat(containers()).isEmpty();
    assertThat(networks()).isEmpty();
    assertTemporaryDirectoryGone();
  }

  /** Containers of this control plane, running or not. */
  private List<String> containers() {
    return docker().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(ContainersControlPlane.RUN_LABEL, runId)).exec()
        .stream().map(c -> c.getId() + " " + c.getImage() + " " + c.getState()).toList();
  }

  private List<String> networks() {
    return docker().listNetworksCmd().exec().stream()
        .filter(n -> n.getLabels() != null && runId.equals(n.getLabels().get(ContainersControlPlane.RUN_LABEL)))
        .map(n -> n.getId() + " " + n.getName()).toList();
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }
}
