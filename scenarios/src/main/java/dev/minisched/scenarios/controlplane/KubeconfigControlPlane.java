package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.UserError;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.util.KubeConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An existing cluster (kind, minikube, a real one) from a kubeconfig: {@code -Dminisched.kubeconfig},
 * else the first file in {@code KUBECONFIG} (as client-java reads it; kubectl would merge the
 * list), else {@code ~/.kube/config}. Shared with others: closing leaves the cluster running.
 */
final class KubeconfigControlPlane {
  static final String SETTING = "kubeconfig";
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

  private static UserError invalid(String named, Exception e) {
    return Backend.KUBECONFIG.cannotStart("kubeconfig " + named + " is not a valid kubeconfig: " + e);
  }
}
