package dev.minisched.scenarios.controlplane;

import com.github.dockerjava.api.model.ContainerNetwork;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stopped;
import dev.minisched.scenarios.UserError;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.VersionApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * etcd and kube-apiserver as Testcontainers containers on a network of their own; the apiserver's
 * port is mapped to the Docker host, where the kubeconfig points. Works with Docker and with
 * Podman's Docker-compatible API.
 *
 * <p>Testcontainers' reaper (Ryuk) removes containers of a JVM that died; it is often disabled
 * (Podman, no registry to pull it from), so {@link #stop()} removes containers and network
 * itself. They carry the label {@value #RUN_LABEL} for anyone cleaning up after a killed JVM:
 * {@code docker rm -f $(docker ps -aq --filter label=dev.minisched.run)}.
 *
 * <p>Owned by the thread that starts it; {@link #stop()} runs once, from any thread.
 */
final class ContainersControlPlane {
  static final String APISERVER_IMAGE_SETTING = "apiserver.image";
  static final String ETCD_IMAGE_SETTING = "etcd.image";
  // A current kube-apiserver and the etcd kubeadm runs with it:
  // SupportedEtcdVersion[34] in kubernetes/cmd/kubeadm/app/constants/constants.go (v1.34).
  static final String DEFAULT_APISERVER_IMAGE = "registry.k8s.io/kube-apiserver:v1.34.1";
  static final String DEFAULT_ETCD_IMAGE = "registry.k8s.io/etcd:3.6.4-0";
  static final String RUN_LABEL = "dev.minisched.run";

  // Where the upstream images keep their binaries; set in full because some images (such as the
  // ones our CI imports from a root filesystem) have no entrypoint.
  private static final String ETCD_BINARY = "/usr/local/bin/etcd";
  private static final String APISERVER_BINARY = "/usr/local/bin/kube-apiserver";
  private static final String ETCD_ALIAS = "etcd";
  private static final int ETCD_PORT = 2379;
  private static final int APISERVER_PORT = 6443;
  private static final String SECRETS_DIR = "/etc/kubernetes/minisched";

  private final Map<String, String> labels;
  private final TempDir dir;
  private final Network network;
  private GenericContainer<?> etcd;
  private GenericContainer<?> apiServer;
  private Path kubeconfig;
  private String description;

  private ContainersControlPlane(String runId, TempDir dir) {
    this.labels = Map.of(RUN_LABEL, runId);
    this.dir = dir;
    this.network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(labels)).build();
  }

  static ControlPlane start(Settings settings) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw Backend.CONTAINERS.cannotStart("no Docker or Podman is reachable"
          + Optional.ofNullable(System.getenv("DOCKER_HOST")).map(h -> " at DOCKER_HOST=" + h).orElse("")
          + ". Start Docker; or for Podman run `podman system service --time=0 "
          + "unix:///run/podman/podman.sock` and set DOCKER_HOST=unix:///run/podman/podman.sock "
          + "and TESTCONTAINERS_RYUK_DISABLED=true.");
    }
    String apiServerImage = image(settings, APISERVER_IMAGE_SETTING, DEFAULT_APISERVER_IMAGE);
    String etcdImage = image(settings, ETCD_IMAGE_SETTING, DEFAULT_ETCD_IMAGE);
    ContainersControlPlane controlPlane =
        new ContainersControlPlane(UUID.randomUUID().toString(), TempDir.create("minisched-containers-"));
    try {
      controlPlane.startContainers(apiServerImage, etcdImage, ControlPlanes.startTimeout(settings));
      return RunningControlPlane.owned(Backend.CONTAINERS, controlPlane.kubeconfig, controlPlane.description,
          controlPlane::stop, controlPlane.new ApiServerContainerSwitch(apiServerImage, ControlPlanes.startTimeout(settings)));
    } catch (RuntimeException e) {
      controlPlane.stop();
      throw e;
    }
  }

  private void startContainers(String apiServerImage, String etcdImage, Duration timeout) {
    etcd = new GenericContainer<>(DockerImageName.parse(etcdImage))
        .withLabels(labels)
        .withNetwork(network)
        .withNetworkAliases(ETCD_ALIAS)
        .withCommand(new EtcdFlags(ETCD_BINARY, "http://0.0.0.0:" + ETCD_PORT,
            "http://" + ETCD_ALIAS + ":" + ETCD_PORT, "/var/lib/etcd").command().toArray(String[]::new))
        // etcd 3.4 to 3.6 all log this line once they serve clients.
        .waitingFor(Wait.forLogMessage(".*ready to serve client requests.*", 1).withStartupTimeout(timeout));
    start(etcd, "etcd", etcdImage);

    // Clients dial the Docker host's address (localhost, or a remote Docker's host name).
    String host = DockerClientFactory.instance().dockerHostIpAddress();
    ApiServerSecrets secrets = ApiServerSecrets.generate(Stream.of("127.0.0.1", "localhost", host).distinct().toList());
    // etcd by address, not by its alias: not every network resolves aliases (Podman's CNI
    // backend without the dnsname plugin does not).
    String etcdUrl = "http://" + addressOnNetwork(etcd) + ":" + ETCD_PORT;
    apiServer = new GenericContainer<>(DockerImageName.parse(apiServerImage))
        .withLabels(labels)
        .withNetwork(network)
        .withExposedPorts(APISERVER_PORT)
        // --insecure-port=0 is left out: newer versions reject it, and v1.20's insecure port
        // listens on the container's own loopback, which nobody else can reach.
        .withCommand(new ApiServerFlags(APISERVER_BINARY, etcdUrl, "0.0.0.0", APISERVER_PORT, null,
            SECRETS_DIR, false).command().toArray(String[]::new))
        .waitingFor(READINESS_IS_OURS);
    // A host port of our choosing, not one Docker picks: a stopped and restarted container may get
    // another random one, and the kubeconfig (and every client made from it) would point nowhere.
    apiServer.setPortBindings(List.of(FreePort.pick() + ":" + APISERVER_PORT));
    // Readable by any user: images may run the apiserver as non-root, and these secrets live
    // only as long as this throwaway container.
    secrets.files().forEach((name, content) ->
        apiServer.withCopyToContainer(Transferable.of(content, 0644), SECRETS_DIR + "/" + name));
    start(apiServer, "kube-apiserver", apiServerImage);

    kubeconfig = KubeconfigFile.write(dir.resolve("kubeconfig"),
        "https://" + apiServer.getHost() + ":" + apiServer.getMappedPort(APISERVER_PORT),
        secrets.caCertificatePem(), secrets.token());
    ApiClient client = KubeconfigFile.newClient(kubeconfig);
    awaitApiServerReady(client, apiServerImage, timeout);
    description = "kube-apiserver " + serverVersion(client) + " (" + apiServerImage + ") + etcd (" + etcdImage
        + ") in containers labelled " + RUN_LABEL + "=" + labels.get(RUN_LABEL);
  }

  private void awaitApiServerReady(ApiClient client, String image, Duration timeout) {
    Readiness.await(client, timeout, () -> {
      if (!apiServer.isRunning()) {
        throw new UserError("the kube-apiserver container (" + image
            + ") exited during start. The end of its log:\n" + logTail(apiServer));
      }
    }, () -> logTail(apiServer));
  }

  /**
   * Stops and starts the kube-apiserver container itself (not Testcontainers' stop, which removes
   * it): its files, its flags and its fixed host port stay, and etcd's container keeps running.
   */
  private final class ApiServerContainerSwitch implements RunningControlPlane.ApiServerSwitch {
    private final String image;
    private final Duration timeout;

    ApiServerContainerSwitch(String image, Duration timeout) {
      this.image = image;
      this.timeout = timeout;
    }

    @Override
    public void stop() {
      // SIGTERM, and SIGKILL after 2 s: kube-apiserver's graceful shutdown would otherwise keep
      // it for Docker's default 10 s.
      DockerClientFactory.instance().client().stopContainerCmd(apiServer.getContainerId()).withTimeout(2).exec();
    }

    @Override
    public void start() {
      DockerClientFactory.instance().client().startContainerCmd(apiServer.getContainerId()).exec();
      awaitApiServerReady(KubeconfigFile.newClient(kubeconfig), image, timeout);
    }
  }

  private String addressOnNetwork(GenericContainer<?> container) {
    return container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
        .map(ContainerNetwork::getIpAddress).filter(ip -> ip != null && !ip.isEmpty()).findFirst()
        .orElseThrow(() -> new IllegalStateException("container " + container.getContainerId() + " has no address"));
  }

  private static void start(GenericContainer<?> container, String what, String image) {
    try {
      container.start();
    } catch (RuntimeException e) {
      throw new UserError("the " + what + " container (" + image + ") did not start: " + rootMessage(e)
          + "\nThe end of its log:\n" + logTail(container));
    }
  }

  /** The image the setting names (or the default), present locally or pulled now. */
  private static String image(Settings settings, String setting, String defaultImage) {
    String image = settings.get(setting, defaultImage);
    ImagePull.ensurePresent(DockerClientFactory.instance().client(), image).ifPresent(why -> {
      throw Backend.CONTAINERS.cannotStart("image " + image + " is not present and cannot be pulled (" + why
          + "). Choose another with -D" + Settings.property(setting) + "=IMAGE or "
          + Settings.envVar(setting) + "=IMAGE, or load it into Docker/Podman first.");
    });
    return image;
  }

  private static String serverVersion(ApiClient client) {
    try {
      return new VersionApi(client).getCode().execute().getGitVersion();
    } catch (Exception e) {
      return "(unknown version)";
    }
  }

  private static String logTail(GenericContainer<?> container) {
    try {
      List<String> lines = container.getLogs().lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    } catch (RuntimeException e) {
      return "(no log: " + rootMessage(e) + ")";
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.toString();
  }

  /** Readiness is {@link Readiness}'s job, which also notices a container that exited. */
  private static final AbstractWaitStrategy READINESS_IS_OURS = new AbstractWaitStrategy() {
    @Override
    protected void waitUntilReady() {}
  };

  /** Removes both containers (Testcontainers' stop() removes them, not only stops), the network, the directory. */
  private Stopped stop() {
    List<String> stopped = new ArrayList<>();
    if (apiServer != null) {
      apiServer.stop();
      stopped.add("kube-apiserver");
    }
    if (etcd != null) {
      etcd.stop();
      stopped.add("etcd");
    }
    network.close();
    dir.delete();
    List<String> removed = new ArrayList<>();
    if (!stopped.isEmpty()) {
      removed.add(stopped.size() == 1 ? "1 container" : stopped.size() + " containers");
      removed.add("their network");
    }
    removed.add(dir.path().toString());
    return new Stopped(stopped, removed);
  }
}
