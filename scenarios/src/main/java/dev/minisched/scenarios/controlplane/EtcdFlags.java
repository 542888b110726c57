package dev.minisched.scenarios.controlplane;

import java.util.List;

/**
 * The command line of a single-member etcd that only kube-apiserver talks to, over plain HTTP.
 *
 * @param listenClientUrl where etcd accepts clients, e.g. {@code http://127.0.0.1:PORT}
 * @param advertiseClientUrl the URL clients should use (same, or a container network alias)
 */
record EtcdFlags(String binary, String listenClientUrl, String advertiseClientUrl, String dataDir) {

  List<String> command() {
    return List.of(
        binary,
        "--data-dir=" + dataDir,
        "--listen-client-urls=" + listenClientUrl,
        "--advertise-client-urls=" + advertiseClientUrl,
        // No peers ever join, so any free port will do; as controller-runtime's envtest does.
        "--listen-peer-urls=http://127.0.0.1:0");
  }
}
