package dev.minisched.scenarios.controlplane;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Everything secret a fresh kube-apiserver reads from files, generated per start, the way kubeadm
 * lays out {@code /etc/kubernetes/pki}:
 * <ul>
 *   <li>a CA and a serving certificate signed by it, for the names clients dial (we trust the CA
 *       in the kubeconfig instead of skipping TLS verification);</li>
 *   <li>the service-account key pair: kube-apiserver signs service-account tokens with
 *       {@code sa.key} and verifies them with {@code sa.pub} (both flags are required);</li>
 *   <li>a static token file with one bearer token for a user in {@code system:masters}, the group
 *       RBAC lets do everything (see the apiserver's {@code --token-auth-file}).</li>
 * </ul>
 *
 * @param files file name → content, for a directory the apiserver's flags point into
 */
record ApiServerSecrets(String token, String caCertificatePem, Map<String, String> files) {
  static final String TOKEN_FILE = "tokens.csv";
  static final String SERVING_CERT = "apiserver.crt";
  static final String SERVING_KEY = "apiserver.key";
  static final String SERVICE_ACCOUNT_KEY = "sa.key";
  static final String SERVICE_ACCOUNT_PUBLIC_KEY = "sa.pub";
  static final String USER = "minisched-admin";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration VALIDITY = Duration.ofDays(365);

  /**
   * Generates fresh secrets; the serving certificate is valid for {@code serverNames}, which
   * may mix DNS names and IP addresses (the names and addresses clients will dial).
   */
  static ApiServerSecrets generate(List<String> serverNames) {
    try {
      // TLS keys are ECDSA P-256: as good as RSA here and generated in a millisecond. The
      // service-account key is RSA, the kind every kube-apiserver version accepts for signing.
      KeyPair caKeys = keyPair("EC");
      KeyPair servingKeys = keyPair("EC");
      KeyPair serviceAccountKeys = keyPair("RSA");
      X509Certificate ca = certificateAuthority(caKeys);
      X509Certificate serving = servingCertificate(ca, caKeys, servingKeys, serverNames);
      String token = HexFormat.of().formatHex(bytes(24));

      Map<String, String> files = new LinkedHashMap<>();
      // Format of --token-auth-file: token,user,uid,"group1,group2"
      files.put(TOKEN_FILE, token + "," + USER + "," + USER + ",\"system:masters\"\n");
      // The serving certificate followed by its CA: the usual chain order for a TLS server.
      files.put(SERVING_CERT, pem(serving) + pem(ca));
      files.put(SERVING_KEY, pem(servingKeys.getPrivate()));
      files.put(SERVICE_ACCOUNT_KEY, pem(serviceAccountKeys.getPrivate()));
      files.put(SERVICE_ACCOUNT_PUBLIC_KEY, pem(serviceAccountKeys.getPublic()));
      return new ApiServerSecrets(token, pem(ca), Map.copyOf(files));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("this JVM cannot generate keys and certificates", e);
    }
  }

  private static KeyPair keyPair(String algorithm) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("EC")) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      generator.initialize(2048);
    }
    return generator.generateKeyPair();
  }

  private static X509Certificate certificateAuthority(KeyPair keys)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    X500Name name = new X500Name("CN=minisched-ca");
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        name, serial(), notBefore(), notAfter(), name, keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
    return sign(builder, keys);
  }

  private static X509Certificate servingCertificate(
      X509Certificate ca, KeyPair caKeys, KeyPair keys, List<String> serverNames)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    List<GeneralName> names = new ArrayList<>();
    for (String serverName : serverNames) {
      // Clients compare an IP they dial with iPAddress entries only, a host name with dNSName.
      names.add(IPAddress.isValid(serverName)
          ? new GeneralName(GeneralName.iPAddress, serverName)
          : new GeneralName(GeneralName.dNSName, serverName));
    }
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        ca, serial(), notBefore(), notAfter(), new X500Name("CN=kube-apiserver"), keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
    return sign(builder, caKeys);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws GeneralSecurityException, OperatorCreationException {
    String algorithm = signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM);
  }

  // An hour of slack, for clocks that differ between this JVM and a container's host.
  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(VALIDITY));
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      if (object instanceof PrivateKey key) {
        // PKCS#8 ("PRIVATE KEY") names the key's curve; Go's TLS cannot use BouncyCastle's
        // default SEC1 encoding of an EC key, which leaves the curve out.
        writer.writeObject(new JcaPKCS8Generator(key, null));
      } else {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }
}
