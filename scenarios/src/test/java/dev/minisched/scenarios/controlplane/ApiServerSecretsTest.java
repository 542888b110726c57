package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiServerSecretsTest {
  private final ApiServerSecrets secrets = ApiServerSecrets.generate(List.of("127.0.0.1", "localhost"));

  @Test
  void servingCertificateCoversTheNamesAndChainsToTheCa() throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> chain = factory.generateCertificates(new ByteArrayInputStream(
        secrets.files().get(ApiServerSecrets.SERVING_CERT).getBytes(StandardCharsets.US_ASCII)))
        .stream().map(X509Certificate.class::cast).toList();
    X509Certificate ca = (X509Certificate) factory.generateCertificate(
        new ByteArrayInputStream(secrets.caCertificatePem().getBytes(StandardCharsets.US_ASCII)));

    assertThat(chain).hasSize(2);
    assertThat(chain.get(1)).isEqualTo(ca);
    chain.get(0).verify(ca.getPublicKey());
    // GeneralName types: 2 = dNSName, 7 = iPAddress.
    assertThat(chain.get(0).getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(List.of(7, "127.0.0.1"), List.of(2, "localhost"));
  }

  @Test
  void keysArePkcs8AndTheTokenBelongsToSystemMasters() {
    assertThat(secrets.files().get(ApiServerSecrets.SERVING_KEY)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(secrets.files().get(ApiServerSecrets.SERVICE_ACCOUNT_KEY)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(secrets.files().get(ApiServerSecrets.SERVICE_ACCOUNT_PUBLIC_KEY)).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(secrets.files().get(ApiServerSecrets.TOKEN_FILE))
        .isEqualTo(secrets.token() + ",minisched-admin,minisched-admin,\"system:masters\"\n");
    assertThat(ApiServerSecrets.generate(List.of("localhost")).token()).isNotEqualTo(secrets.token());
  }
}
