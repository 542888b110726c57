package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Settings;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * The port {@link FreePort} picked is taken before our server binds it (here by the test itself,
 * on a busy machine by any other process): the start is tried again with new ports and succeeds.
 */
class PortTakenIT {

  @Test
  void binariesBackendTriesNewPorts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ControlPlane controlPlane = BinariesControlPlane.start(
            Settings.with(Map.of("backend", "binaries")), takenFirst(taken.getLocalPort()))) {
      assertWorks(controlPlane);
    }
  }

  @Test
  void containersBackendTriesNewPorts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ControlPlane controlPlane = ContainersControlPlane.start(
            Settings.with(Map.of("backend", "containers")), takenFirst(taken.getLocalPort()))) {
      assertThat(controlPlane.newClient().getBasePath()).doesNotEndWith(":" + taken.getLocalPort());
      assertWorks(controlPlane);
    }
  }

  /** {@code port} first, then free ones. */
  private static IntSupplier takenFirst(int port) {
    AtomicBoolean given = new AtomicBoolean();
    return () -> given.getAndSet(true) ? FreePort.pick() : port;
  }

  private static void assertWorks(ControlPlane controlPlane) throws Exception {
    assertThat(new CoreV1Api(controlPlane.newClient()).listNamespace().execute().getItems())
        .extracting(ns -> ns.getMetadata().getName()).contains("default");
  }
}
