package dev.minisched.scenarios.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Upstream's kube-scheduler (the binary CI builds) as the benchmark starts it, on a real API
 * server, with its default secure port 10259 taken: another kube-scheduler on the machine (another
 * benchmark or differential run) must not stop it. {@code --secure-port=0} serves nothing, and
 * the v1 file names no port (v1 has no healthzBindAddress or metricsBindAddress).
 */
class UpstreamSchedulerIT {

  @Test
  void startsAndBindsWhileAnotherProcessHoldsTheSecurePort() throws Exception {
    Path binary = BenchSettings.from(Settings.fromEnvironment()).kubeScheduler().orElseThrow(() ->
        new AssertionError("no kube-scheduler: .ci/setup-host.sh builds it at " + BenchSettings.DEFAULT_KUBE_SCHEDULER));
    Workload workload = new Workload("it", 2, 0, 1);
    try (ServerSocket taken = holdSecurePort();
        ControlPlane controlPlane = ControlPlanes.start(Settings.fromEnvironment().withDefault("backend", "binaries"))) {
      CoreV1Api api = new CoreV1Api(controlPlane.newClient());
      workload.createCluster(api, 2);
      UpstreamScheduler upstream = new UpstreamScheduler(binary, "same plugins", UpstreamProfiles.samePlugins(), List.of());
      workload.createMeasured(api, 1, upstream.schedulerName());
      try (Contender.Run run = upstream.start(controlPlane)) {
        await("the pod is bound").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
          run.checkAlive();
          String node = api.readNamespacedPod(workload.measuredName(0), Workload.NAMESPACE).execute().getSpec().getNodeName();
          return node != null;
        });
        assertThat(run.usage()).as("its CPU and memory from /proc").isPresent();
      }
    }
  }

  /** Takes 0.0.0.0:10259 for the test; if something else already holds it, it is taken all the same. */
  private static ServerSocket holdSecurePort() throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.bind(new InetSocketAddress("0.0.0.0", 10259));
    } catch (IOException alreadyTaken) {
      // someone else's kube-scheduler: the condition under test holds
    }
    return socket;
  }
}
