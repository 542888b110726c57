package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.minisched.scenarios.Settings;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * A JVM killed with SIGKILL (Ryuk disabled, as with every Podman) leaves its containers and
 * network. The next start of the containers backend removes those of this host whose owner is
 * gone, and nothing else: not those of live runs, not those of other hosts sharing the engine,
 * not those without an owner.
 */
class AbandonedContainersIT {
  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();

  @AfterEach
  void removeWhatIsLeft() {
    containers.forEach(id -> ignoreMissing(() -> docker().removeContainerCmd(id).withForce(true).exec()));
    networks.forEach(id -> ignoreMissing(() -> docker().removeNetworkCmd(id).exec()));
  }

  @Test
  void startRemovesWhatDeadOwnersOfThisHostLeft() throws Exception {
    Process finished = new ProcessBuilder("sleep", "0.2").start();
    String dead = finished.pid() + " " + finished.info().startInstant().orElseThrow(); // known only while it runs
    finished.waitFor();
    String live = ProcessHandle.current().pid() + " " + ProcessHandle.current().info().startInstant().orElseThrow();
    String host = InetAddress.getLocalHost().getHostName();

    String deadContainer = container(dead, host);
    String deadNetwork = network(dead, host);
    String liveContainer = container(live, host);
    String liveNetwork = network(live, host);
    String otherHostContainer = container(dead, "another-" + host);
    String noOwnerContainer = container(null, null);

    try (ControlPlane controlPlane = ControlPlanes.start(Settings.with(Map.of("backend", "containers")))) {
      assertThat(controlPlane.backend()).isEqualTo("containers");
    }

    assertThat(containerExists(deadContainer)).as("the dead owner's container").isFalse();
    assertThat(networkExists(deadNetwork)).as("the dead owner's network").isFalse();
    assertThat(containerExists(liveContainer)).as("a live owner's container").isTrue();
    assertThat(networkExists(liveNetwork)).as("a live owner's network").isTrue();
    assertThat(containerExists(otherHostContainer)).as("another host's container").isTrue();
    assertThat(containerExists(noOwnerContainer)).as("a container without owner").isTrue();
  }

  /** A created (never started) container with the labels of a run of {@code owner} on {@code host}. */
  private String container(String owner, String host) {
    String image = Settings.fromEnvironment().get("etcd.image", ContainersControlPlane.DEFAULT_ETCD_IMAGE);
    String id = docker().createContainerCmd(image).withLabels(labels(owner, host))
        .withCmd("/usr/local/bin/etcd", "--version").exec().getId();
    containers.add(id);
    return id;
  }

  private String network(String owner, String host) {
    String id = docker().createNetworkCmd().withName("minisched-abandoned-it-" + UUID.randomUUID())
        .withLabels(labels(owner, host)).exec().getId();
    networks.add(id);
    return id;
  }

  private static Map<String, String> labels(String owner, String host) {
    Map<String, String> labels = new HashMap<>(Map.of("dev.minisched.run", "abandoned-it-" + UUID.randomUUID()));
    if (owner != null) {
      labels.put("dev.minisched.owner", owner);
      labels.put("dev.minisched.host", host);
    }
    return labels;
  }

  private static boolean containerExists(String id) {
    try {
      docker().inspectContainerCmd(id).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static boolean networkExists(String id) {
    return docker().listNetworksCmd().exec().stream().anyMatch(n -> n.getId().equals(id));
  }

  private static void ignoreMissing(Runnable removal) {
    try {
      removal.run();
    } catch (NotFoundException e) {
      // removed by the code under test
    }
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }
}
