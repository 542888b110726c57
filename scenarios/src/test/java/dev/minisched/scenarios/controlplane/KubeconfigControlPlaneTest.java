package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.UserError;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubeconfig backend refuses a cluster that is not on this machine unless told otherwise. */
class KubeconfigControlPlaneTest {
  @TempDir
  Path dir;

  @Test
  void loopbackServersAreOnThisMachine() {
    assertThat(List.of("https://127.0.0.1:6443", "https://127.5.6.7:443", "https://localhost:40123",
        "https://LOCALHOST:1", "https://[::1]:6443", "http://127.0.0.1"))
        .allMatch(KubeconfigControlPlane::isOnThisMachine);
  }

  @Test
  void otherServersAreNot() {
    assertThat(List.of("https://10.1.2.3:6443", "https://192.0.2.10:6443", "https://[2001:db8::1]:6443",
        "https://0.0.0.0:6443", "https://[::]:6443", "not a url", ""))
        .noneMatch(KubeconfigControlPlane::isOnThisMachine);
  }

  @Test
  void aServerElsewhereIsRefusedInOneLineThatNamesTheProperty() throws Exception {
    String server = "https://" + notLoopback() + ":1";
    Path file = kubeconfig(server);

    assertThatThrownBy(() -> ControlPlanes.start(Settings.with(Map.of("backend", "kubeconfig", "kubeconfig", file.toString()))))
        .isInstanceOf(UserError.class)
        .hasMessageContaining(server)
        .hasMessageContaining("not on this machine")
        .hasMessageContaining("-Dminisched.kubeconfig.allowRemote=true")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void allowRemoteLetsItThrough() {
    Settings allowed = Settings.with(Map.of("kubeconfig.allowRemote", "true"));
    KubeconfigControlPlane.refuseRemote(allowed, "https://10.1.2.3:6443", "the kubeconfig"); // no exception
    assertThatThrownBy(() -> KubeconfigControlPlane.refuseRemote(Settings.with(Map.of()), "https://10.1.2.3:6443", "the kubeconfig"))
        .isInstanceOf(UserError.class);
  }

  private Path kubeconfig(String server) {
    ApiServerSecrets secrets = ApiServerSecrets.generate(List.of("127.0.0.1"));
    return KubeconfigFile.write(dir.resolve("kubeconfig"), server, secrets.caCertificatePem(), secrets.token());
  }

  /**
   * An address of this machine that is not loopback, so that a regression that connected anyway
   * would still stay on this machine (nothing listens on port 1); a documentation address if the
   * machine has none.
   */
  private static String notLoopback() throws SocketException {
    return NetworkInterface.networkInterfaces().filter(KubeconfigControlPlaneTest::isUp)
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .map(InetAddress::getHostAddress).findFirst().orElse("203.0.113.7");
  }

  private static boolean isUp(NetworkInterface nic) {
    try {
      return nic.isUp();
    } catch (SocketException e) {
      return false;
    }
  }
}
