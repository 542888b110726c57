package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.UserError;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.util.KubeConfig;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * An existing cluster (kind, minikube, a real one) from a kubeconfig: {@code -Dminisched.kubeconfig},
 * else the first file in {@code KUBECONFIG} (as client-java reads it; kubectl would merge the
 * list), else {@code ~/.kube/config}. Shared with others: closing leaves the cluster running.
 *
 * <p>Only a cluster on this machine (kind, minikube, a local API server: its server is a loopback
 * address) unless the user says {@code -Dminisched.kubeconfig.allowRemote=true}: a scenario
 * creates nodes, cluster-wide, in whatever cluster the kubeconfig names, and a kubeconfig left
 * pointing at a team's cluster is an easy mistake.
 */
final class KubeconfigControlPlane {
  static final String SETTING = "kubeconfig";
  static final String ALLOW_REMOTE = "kubeconfig.allowRemote";
  private static final int CHECK_TIMEOUT_MILLIS = 10_000;

  private KubeconfigControlPlane() {}

  static ControlPlane start(Settings settings) {
    Path file;
    String source;
    if (settings.get(SETTING).isPresent()) {
      file = Path.of(settings.get(SETTING).get());
      source = "-D" + Settings.property(SETTING);
    } else if (settings.foreignEnv("KUBECONFIG").isPresent()) {
      file = Path.of(settings.foreignEnv("KUBECONFIG").get().split(File.pathSeparator)[0]);
      source = "KUBECONFIG";
    } else {
      file = Path.of(System.getProperty("user.home"), ".kube", "config");
      source = "the default location";
    }
    String named = file + " (from " + source + ")";
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw Backend.KUBECONFIG.cannotStart("kubeconfig " + named + " cannot be read.");
    }

    KubeConfig config;
    try {
      config = KubeconfigFile.read(file);
    } catch (IOException | RuntimeException e) {
      throw invalid(named, e);
    }
    String server = config.getServer();
    if (server == null) {
      throw Backend.KUBECONFIG.cannotStart("kubeconfig " + named + " has no current context with a cluster server.");
    }
    refuseRemote(settings, server, "kubeconfig " + named);
    ApiClient client;
    try {
      client = KubeconfigFile.newClient(file);
    } catch (RuntimeException e) {
      throw invalid(named, e);
    }

    // Only for this check: a server that accepts the connection and never answers fails it too.
    client.setReadTimeout(CHECK_TIMEOUT_MILLIS);
    client.setConnectTimeout(CHECK_TIMEOUT_MILLIS);
    try {
      String version = new VersionApi(client).getCode().execute().getGitVersion();
      return RunningControlPlane.shared(Backend.KUBECONFIG, file,
          "existing cluster " + server + " (kube-apiserver " + version + ", context " + config.getCurrentContext() + ", " + named + ")");
    } catch (ApiException e) {
      String why = e.getCode() == 0 ? String.valueOf(e.getMessage()) : "it answered " + e.getCode() + " " + e.getResponseBody();
      throw Backend.KUBECONFIG.cannotStart("the cluster " + server + " of kubeconfig " + named
          + " cannot be reached: " + why);
    }
  }

  /**
   * Throws unless the server is on this machine or the user allowed others. Before any
   * connection: the refusal must not depend on the server answering.
   */
  static void refuseRemote(Settings settings, String server, String named) {
    if (!isOnThisMachine(server) && !settings.flag(ALLOW_REMOTE)) {
      throw new UserError("the cluster " + server + " of " + named + " is not on this machine, and "
          + "scenarios create nodes and pods in it; to use it anyway, run with -D"
          + Settings.property(ALLOW_REMOTE) + "=true");
    }
  }

  /**
   * True when the server's host is a loopback address (127.0.0.0/8, ::1) or a name that resolves
   * only to such addresses ({@code localhost}); kind and minikube's docker driver publish their
   * API server on 127.0.0.1. Any other address, this machine's own network addresses included,
   * counts as elsewhere: a port published there is reachable from other machines too.
   */
  static boolean isOnThisMachine(String server) {
    String host;
    try {
      host = URI.create(server).getHost();
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (host == null || host.isEmpty()) {
      return false;
    }
    if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
      return true;
    }
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static UserError invalid(String named, Exception e) {
    return Backend.KUBECONFIG.cannotStart("kubeconfig " + named + " is not a valid kubeconfig: " + e);
  }
}
