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
import org.testcontainers.utility.ResourceReaper;

/**
 * etcd and kube-apiserver containers from the images in MINISCHED_APISERVER_IMAGE and
 * MINISCHED_ETCD_IMAGE (or the defaults), asked about through the Docker/Podman API.
 */
class ContainersControlPlaneIT extends ControlPlaneContract {
  private static final String GROUP = ControlPlaneContract.unique("contract-it");
  private String runId;

  @Override
  Settings settings() {
    return Settings.with(Map.of("backend", "containers", ContainersControlPlane.GROUP_SETTING, GROUP));
  }

  /** What a CI job's exit removes by one filter, and the next start by owner. */
  @Test
  @Order(0)
  void labelsContainersAndNetworkWithGroupOwnerAndHost() {
    String owner = ProcessHandle.current().pid() + " " + ProcessHandle.current().info().startInstant().orElseThrow();
    List<Map<String, String>> labels = new java.util.ArrayList<>();
    docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ContainersControlPlane.GROUP_LABEL, GROUP))
        .exec().forEach(c -> labels.add(c.getLabels()));
    docker().listNetworksCmd().exec().stream()
        .filter(n -> n.getLabels() != null && GROUP.equals(n.getLabels().get(ContainersControlPlane.GROUP_LABEL)))
        .forEach(n -> labels.add(n.getLabels()));
    assertThat(labels).hasSize(3).allSatisfy(l -> assertThat(l)
        .containsEntry(ContainersControlPlane.OWNER_LABEL, owner).containsKey(ContainersControlPlane.HOST_LABEL));
  }

  @Test
  @Order(0)
  void runsTwoLabelledContainersOnANetworkOfTheirOwn() {
    runId = runIdFromDescription();
    assertThat(containers()).hasSize(2);
    assertThat(networks()).hasSize(1);
  }

  /** Docker is local here (clients dial localhost): kube-apiserver is not published to the network. */
  @Test
  @Order(0)
  void publishesKubeApiserverOnLoopbackOnly() {
    List<String> hostAddresses = docker().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(ContainersControlPlane.RUN_LABEL, runIdFromDescription())).exec().stream()
        .map(c -> docker().inspectContainerCmd(c.getId()).exec().getHostConfig().getPortBindings())
        .flatMap(bindings -> bindings.getBindings().values().stream())
        .filter(java.util.Objects::nonNull)
        .flatMap(java.util.Arrays::stream)
        .map(binding -> binding.getHostIp() + ":" + binding.getHostPortSpec()).toList();
    assertThat(hostAddresses).singleElement().asString().startsWith("127.0.0.1:");
  }

  /**
   * Without Ryuk, Testcontainers removes its session's containers from a JVM shutdown hook, in a
   * method synchronized on its reaper; on Ctrl-C that hook and our stop ran at once, and Podman
   * refused one of the two removals of the same container (CtrlCIT saw its exception printed).
   * Our stop therefore waits while the reaper's clean-up runs, here held by the test.
   */
  @Test
  @Order(5)
  void stopWaitsWhileTestcontainersCleansUp() throws Exception {
    ControlPlane other = ControlPlanes.start(settings());
    String otherRun = runIdFromDescription(other);
    Thread stopper = new Thread(other::close, "stopper");
    try {
      synchronized (ResourceReaper.instance()) {
        stopper.start();
        stopper.join(2_000);
        assertThat(stopper.isAlive()).as("stop waits for the reaper").isTrue();
        assertThat(containers(otherRun)).hasSize(2).allSatisfy(c -> assertThat(c).endsWith(" running"));
      }
      stopper.join(60_000);
      assertThat(stopper.isAlive()).isFalse();
      assertThat(containers(otherRun)).isEmpty();
    } finally {
      stopper.join(60_000);
      other.close();
    }
  }

  private String runIdFromDescription() {
    return runIdFromDescription(controlPlane);
  }

  private static String runIdFromDescription(ControlPlane controlPlane) {
    Matcher label = Pattern.compile(Pattern.quote(ContainersControlPlane.RUN_LABEL) + "=(\\S+)")
        .matcher(controlPlane.description());
    assertThat(label.find()).as("description names the run label: %s", controlPlane.description()).isTrue();
    return label.group(1);
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
    return containers(runId);
  }

  private static List<String> containers(String runId) {
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
