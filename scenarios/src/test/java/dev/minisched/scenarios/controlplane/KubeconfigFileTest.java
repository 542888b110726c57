package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.KubeConfig;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigFileTest {
  @TempDir
  Path dir;

  private Path kubeconfig(ApiServerSecrets secrets) throws Exception {
    return KubeconfigFile.write(dir.resolve("kubeconfig"), "https://127.0.0.1:6443",
        secrets.caCertificatePem(), secrets.token());
  }

  @Test
  void writesWhatClientJavaReads() throws Exception {
    ApiServerSecrets secrets = ApiServerSecrets.generate(List.of("127.0.0.1"));
    Path file = kubeconfig(secrets);

    KubeConfig config = KubeconfigFile.read(file);
    assertThat(config.getServer()).isEqualTo("https://127.0.0.1:6443");
    assertThat(config.getCurrentContext()).isEqualTo("minisched");
    assertThat(config.getCredentials()).containsEntry(KubeConfig.CRED_TOKEN_KEY, secrets.token());

    ApiClient client = KubeconfigFile.newClient(file);
    assertThat(client.getBasePath()).isEqualTo("https://127.0.0.1:6443");
    assertThat(client.getReadTimeout()).isZero();
  }

  /** As Go's: without it, a small request waited for the previous one's acknowledgement (Nagle). */
  @Test
  void clientSocketsSendAtOnce() throws Exception {
    ApiClient client = KubeconfigFile.newClient(kubeconfig(ApiServerSecrets.generate(List.of("127.0.0.1"))));
    try (Socket socket = client.getHttpClient().socketFactory().createSocket()) {
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
  }
}
