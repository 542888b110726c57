package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiServerFlagsTest {
  @Test
  void pointsAtTheSecretsAndDisablesWhatNeedsAControllerManager() {
    ApiServerFlags flags = new ApiServerFlags("/bin/kube-apiserver", "http://127.0.0.1:2379", "127.0.0.1", 6443,
        "127.0.0.1", "/pki", true);
    assertThat(flags.command()).first().isEqualTo("/bin/kube-apiserver");
    assertThat(flags.command()).contains(
        "--etcd-servers=http://127.0.0.1:2379",
        "--secure-port=6443",
        "--token-auth-file=/pki/tokens.csv",
        "--tls-cert-file=/pki/apiserver.crt",
        "--service-account-key-file=/pki/sa.pub",
        "--service-account-signing-key-file=/pki/sa.key",
        "--authorization-mode=RBAC",
        "--disable-admission-plugins=ServiceAccount,TaintNodesByCondition",
        "--advertise-address=127.0.0.1",
        "--insecure-port=0");
  }

  @Test
  void leavesOutWhatTheVersionOrPlaceDoesNotNeed() {
    ApiServerFlags flags = new ApiServerFlags("kube-apiserver", "http://10.88.0.2:2379", "0.0.0.0", 6443, null,
        "/etc/kubernetes/minisched", false);
    assertThat(flags.command()).noneMatch(f -> f.startsWith("--insecure-port") || f.startsWith("--advertise-address"));
  }
}
