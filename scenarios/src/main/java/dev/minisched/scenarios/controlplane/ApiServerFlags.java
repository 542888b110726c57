package dev.minisched.scenarios.controlplane;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a kube-apiserver with no controller-manager, no kubelet and no scheduler
 * beside it — just enough for a scheduler to watch pods and nodes and bind pods. The same flags
 * work for v1.20 and current versions; see {@link ApiServerVersion#hasInsecurePort()} for the one
 * difference.
 *
 * @param secretsDir where the files of {@link ApiServerSecrets} are, as the apiserver sees them
 * @param advertiseAddress the address the apiserver publishes in the {@code kubernetes} Service's
 *     endpoints; null to let it pick its first network interface
 * @param disableInsecurePort add {@code --insecure-port=0} (only versions before v1.24 know it)
 */
record ApiServerFlags(
    String binary,
    String etcdUrl,
    String bindAddress,
    int securePort,
    String advertiseAddress,
    String secretsDir,
    boolean disableInsecurePort) {

  /** The service IP range; nothing routes it here, but the apiserver needs one to allocate from. */
  static final String SERVICE_CLUSTER_IP_RANGE = "10.0.0.0/24";

  List<String> command() {
    List<String> args = new ArrayList<>(List.of(
        binary,
        "--etcd-servers=" + etcdUrl,
        "--bind-address=" + bindAddress,
        "--secure-port=" + securePort,
        "--tls-cert-file=" + file(ApiServerSecrets.SERVING_CERT),
        "--tls-private-key-file=" + file(ApiServerSecrets.SERVING_KEY),
        "--token-auth-file=" + file(ApiServerSecrets.TOKEN_FILE),
        "--authorization-mode=RBAC",
        // Service-account tokens: required flags since v1.20, even when nothing asks for a token.
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + file(ApiServerSecrets.SERVICE_ACCOUNT_PUBLIC_KEY),
        "--service-account-signing-key-file=" + file(ApiServerSecrets.SERVICE_ACCOUNT_KEY),
        "--service-cluster-ip-range=" + SERVICE_CLUSTER_IP_RANGE,
        // Without a controller-manager there is no "default" ServiceAccount, and the ServiceAccount
        // admission plugin would reject every pod. TaintNodesByCondition would put
        // node.kubernetes.io/not-ready:NoSchedule on every new node, since no kubelet ever
        // reports Ready. Both plugin names exist from v1.20 to today.
        "--disable-admission-plugins=ServiceAccount,TaintNodesByCondition",
        // The endpoints of the "kubernetes" Service would name the advertise address; loopback is
        // invalid there and the reconciler would log an error every 10 s. Nothing needs them.
        "--endpoint-reconciler-type=none"));
    if (advertiseAddress != null) {
      args.add("--advertise-address=" + advertiseAddress);
    }
    if (disableInsecurePort) {
      args.add("--insecure-port=0");
    }
    return List.copyOf(args);
  }

  private String file(String name) {
    return secretsDir + "/" + name;
  }
}
