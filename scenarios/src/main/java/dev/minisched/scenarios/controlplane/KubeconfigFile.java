package dev.minisched.scenarios.controlplane;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * A kubeconfig file: the one way every backend hands out access, to kubectl and to this JVM alike.
 * Format: https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/
 */
final class KubeconfigFile {
  private static final NoDelaySockets NO_DELAY = new NoDelaySockets();

  private KubeconfigFile() {}

  /**
   * Writes a kubeconfig with one cluster (trusting {@code caCertificatePem}), one user with a
   * bearer token, and a current context joining them.
   */
  static Path write(Path file, String server, String caCertificatePem, String token) {
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: minisched
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: minisched
          user:
            token: %s
        contexts:
        - name: minisched
          context:
            cluster: minisched
            user: minisched
        current-context: minisched
        """.formatted(server,
        Base64.getEncoder().encodeToString(caCertificatePem.getBytes(StandardCharsets.US_ASCII)), token);
    try {
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads a kubeconfig as client-java does, with file paths in it relative to the file. */
  static KubeConfig read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      KubeConfig config = KubeConfig.loadKubeConfig(reader);
      config.setFile(file.toAbsolutePath().toFile());
      return config;
    }
  }

  /**
   * A client for the kubeconfig's current context. Read timeout 0: a watch is a response that
   * stays open for minutes, and must not be cut by the client (the server ends it). Its sockets
   * send at once, as Go's do ({@link NoDelaySockets}).
   */
  static ApiClient newClient(Path file) {
    try {
      ApiClient client = ClientBuilder.kubeconfig(read(file)).setReadTimeout(Duration.ZERO).build();
      return client.setHttpClient(client.getHttpClient().newBuilder().socketFactory(NO_DELAY).build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + file, e);
    }
  }
}
