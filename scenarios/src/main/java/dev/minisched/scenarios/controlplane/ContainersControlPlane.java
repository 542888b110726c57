package dev.minisched.scenarios.controlplane;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stopped;
import dev.minisched.scenarios.UserError;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.VersionApi;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ResourceReaper;

/**
 * etcd and kube-apiserver as Testcontainers containers on a network of their own; the apiserver's
 * port is mapped to the Docker host, where the kubeconfig points. Works with Docker and with
 * Podman's Docker-compatible API.
 *
 * <p>Testcontainers' reaper (Ryuk) removes containers of a JVM that died; it is often disabled
 * (Podman, no registry to pull it from), so {@link #stop()} removes containers and network
 * itself, and a JVM killed with SIGKILL leaves them behind. So they carry their {@link Owner}
 * and host, and each start first removes those of this host whose owner is gone, as
 * {@link TempDir} does for directories. Their label {@value #RUN_LABEL} names the run; the
 * optional {@value #GROUP_LABEL} (setting {@value #GROUP_SETTING}) names a group of runs, such as
 * one CI job, whose end removes the group's containers with one filter.
 *
 * <p>kube-apiserver's port is published on 127.0.0.1 when clients reach Docker's host by a
 * loopback address (a local Docker or Podman), on every interface only when they must come from
 * elsewhere (a remote Docker, or Testcontainers inside a container dialling the host's gateway).
 *
 * <p>Owned by the thread that starts it; {@link #stop()} runs once, from any thread.
 */
final class ContainersControlPlane {
  static final String APISERVER_IMAGE_SETTING = "apiserver.image";
  static final String ETCD_IMAGE_SETTING = "etcd.image";
  // A current kube-apiserver and the etcd kubeadm runs with it:
  // SupportedEtcdVersion[34] in kubernetes/cmd/kubeadm/app/constants/constants.go (v1.34).
  static final String DEFAULT_APISERVER_IMAGE = "registry.k8s.io/kube-apiserver:v1.34.4";
  static final String DEFAULT_ETCD_IMAGE = "registry.k8s.io/etcd:3.6.5-0";
  static final String RUN_LABEL = "dev.minisched.run";
  static final String OWNER_LABEL = "dev.minisched.owner";
  static final String HOST_LABEL = "dev.minisched.host";
  static final String GROUP_LABEL = "dev.minisched.group";
  static final String GROUP_SETTING = "containers.group";

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

  private ContainersControlPlane(Map<String, String> labels, TempDir dir) {
    this.labels = labels;
    this.dir = dir;
    this.network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(labels)).build();
  }

  /** This run's labels: its id, its owner and host, and the group it belongs to, if any. */
  private static Map<String, String> labels(Settings settings) {
    Map<String, String> labels = new HashMap<>(Map.of(
        RUN_LABEL, UUID.randomUUID().toString(), OWNER_LABEL, Owner.current().toString(), HOST_LABEL, hostName()));
    settings.get(GROUP_SETTING).ifPresent(group -> labels.put(GROUP_LABEL, group));
    return Map.copyOf(labels);
  }

  static ControlPlane start(Settings settings) {
    return start(settings, FreePort::pick);
  }

  /** With host ports from {@code ports}: {@link FreePort#pick()}, or a test's own. */
  static ControlPlane start(Settings settings, IntSupplier ports) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw Backend.CONTAINERS.cannotStart("no Docker or Podman is reachable"
          + Optional.ofNullable(System.getenv("DOCKER_HOST")).map(h -> " at DOCKER_HOST=" + h).orElse("")
          + ". Start Docker; or for Podman run `podman system service --time=0 "
          + "unix:///run/podman/podman.sock` and set DOCKER_HOST=unix:///run/podman/podman.sock "
          + "and TESTCONTAINERS_RYUK_DISABLED=true.");
    }
    removeAbandoned(DockerClientFactory.instance().client());
    String apiServerImage = image(settings, APISERVER_IMAGE_SETTING, DEFAULT_APISERVER_IMAGE);
    String etcdImage = image(settings, ETCD_IMAGE_SETTING, DEFAULT_ETCD_IMAGE);
    return FreePort.retryWhileTaken(() -> {
      ContainersControlPlane controlPlane =
          new ContainersControlPlane(labels(settings), TempDir.create("minisched-containers-"));
      try {
        controlPlane.startContainers(apiServerImage, etcdImage, ports.getAsInt(), ControlPlanes.startTimeout(settings));
        return RunningControlPlane.owned(Backend.CONTAINERS, controlPlane.kubeconfig, controlPlane.description,
            controlPlane::stop, controlPlane.new ApiServerContainerSwitch(apiServerImage, ControlPlanes.startTimeout(settings)),
            List::of); // inside Docker's (or Podman's) machine: not ours to measure from /proc
      } catch (RuntimeException e) {
        Stopping.afterFailedStart(e, controlPlane.parts());
        throw e;
      }
    });
  }

  private void startContainers(String apiServerImage, String etcdImage, int hostPort, Duration timeout) {
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
    String bindAddress = isLoopback(host) ? "127.0.0.1:" : "";
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
    apiServer.setPortBindings(List.of(bindAddress + hostPort + ":" + APISERVER_PORT));
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
      Throwable root = rootCause(e);
      if (root instanceof InterruptedException || root instanceof ClosedByInterruptException) { // Ctrl-C: StartGuard
        throw new UserError("interrupted while the " + what + " container started", e);
      }
      String why = "the " + what + " container (" + image + ") did not start: " + rootMessage(e)
          + "\nThe end of its log:\n" + logTail(container);
      // Docker and Podman say so when the host port we picked was taken meanwhile.
      throw rootMessage(e).contains(FreePort.IN_USE) ? new FreePort.Taken(why) : new UserError(why, e);
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
    Throwable root = rootCause(e);
    return root.getMessage() != null ? root.getMessage() : root.toString();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root;
  }

  /** Readiness is {@link Readiness}'s job, which also notices a container that exited. */
  private static final AbstractWaitStrategy READINESS_IS_OURS = new AbstractWaitStrategy() {
    @Override
    protected void waitUntilReady() {}
  };

  /**
   * Removes both containers (Testcontainers' stop() removes them, not only stops), whatever else
   * carries this run's label (a container created as a start was cut short), the network and the
   * directory: each one even when an earlier one failed.
   *
   * <p>Holds the monitor of Testcontainers' {@link ResourceReaper} meanwhile. Without Ryuk, the
   * reaper is a JVM shutdown hook that force-removes this session's containers, in a {@code
   * synchronized performCleanup()}; on Ctrl-C it runs at the same time as our own stop, and Podman
   * refuses one of two removals of the same container ("container state improper"), whose
   * exception is then printed. Under one monitor, whichever comes second finds nothing left.
   */
  private Stopped stop() {
    List<String> stopped = new ArrayList<>();
    if (apiServer != null) {
      stopped.add("kube-apiserver");
    }
    if (etcd != null) {
      stopped.add("etcd");
    }
    synchronized (ResourceReaper.instance()) {
      Stopping.all(parts());
    }
    List<String> removed = new ArrayList<>();
    if (!stopped.isEmpty()) {
      removed.add(stopped.size() == 1 ? "1 container" : stopped.size() + " containers");
      removed.add("their network");
    }
    removed.add(dir.path().toString());
    return new Stopped(stopped, removed);
  }

  private List<Stopping.Part> parts() {
    DockerClient docker = DockerClientFactory.instance().client();
    return List.of(
        () -> stopContainer(apiServer),
        () -> stopContainer(etcd),
        () -> removeContainers(docker, c -> labels.get(RUN_LABEL).equals(c.getLabels().get(RUN_LABEL))),
        network::close,
        () -> removeNetworks(docker, n -> labels.get(RUN_LABEL).equals(n.getLabels().get(RUN_LABEL))),
        dir::delete);
  }

  private static void stopContainer(GenericContainer<?> container) {
    if (container != null) {
      container.stop();
    }
  }

  /**
   * Containers and networks that a JVM killed before its stop left on this host: their owner is
   * gone. Those of live runs (other tests, other users) and of other hosts sharing this Docker stay.
   */
  private static void removeAbandoned(DockerClient docker) {
    String host = hostName();
    try {
      removeContainers(docker, c -> isAbandoned(c.getLabels(), host));
      removeNetworks(docker, n -> isAbandoned(n.getLabels(), host));
    } catch (RuntimeException e) {
      // Best effort: a leftover costs resources, not correctness; this run starts anyway.
      System.err.println("[minisched] could not remove containers of runs that are gone: " + rootMessage(e));
    }
  }

  private static boolean isAbandoned(Map<String, String> labels, String host) {
    return host.equals(labels.get(HOST_LABEL))
        && Optional.ofNullable(labels.get(OWNER_LABEL)).flatMap(Owner::parse).map(Owner::isGone).orElse(false);
  }

  /** Removes, running or not, every container with our labels that {@code which} selects. */
  private static void removeContainers(DockerClient docker, Predicate<Container> which) {
    for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(RUN_LABEL)).exec()) {
      if (container.getLabels() != null && which.test(container)) {
        try {
          docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException | ConflictException alreadyGoing) {
          // removed meanwhile (or being removed), by its own run or another one's clean-up
        }
      }
    }
  }

  /** Removes every network with our labels that {@code which} selects. */
  private static void removeNetworks(DockerClient docker, Predicate<com.github.dockerjava.api.model.Network> which) {
    for (var network : docker.listNetworksCmd().exec()) {
      if (network.getLabels() != null && network.getLabels().containsKey(RUN_LABEL) && which.test(network)) {
        try {
          docker.removeNetworkCmd(network.getId()).exec();
        } catch (NotFoundException | ConflictException alreadyGoing) {
          // removed meanwhile, or still in use by a container being removed
        }
      }
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** This machine's name, as containers and networks name their owner's host. */
  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
