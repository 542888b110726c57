package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.Stopped;
import io.kubernetes.client.openapi.ApiClient;
import java.nio.file.Path;
import java.util.List;

/**
 * A running Kubernetes control plane: at least etcd and kube-apiserver, reachable from this JVM
 * with a bearer token that may do everything. Obtained from {@link ControlPlanes#start}; ready
 * when returned (/readyz answers ok and a pod can be created).
 *
 * <p>Closing it stops and removes everything the backend started: containers, networks,
 * processes, temporary directories. Closing twice is harmless.
 */
public interface ControlPlane extends AutoCloseable {

  /** The backend's name as the user selects it: containers, binaries or kubeconfig. */
  String backend();

  /** One line for people: what runs where, e.g. "kube-apiserver v1.20.2 + etcd 3.4.23 (binaries in /x)". */
  String description();

  /** A kubeconfig file for this control plane, usable by kubectl and by {@link #newClient()}. */
  Path kubeconfig();

  /** A new client for this control plane; watches do not time out on the client side. */
  ApiClient newClient();

  /**
   * True when the cluster is shared with other users and schedulers (the kubeconfig backend).
   * The harness then cleans up exactly the objects a scenario created, and nothing else.
   */
  default boolean isShared() {
    return false;
  }

  /**
   * The processes this control plane runs on this machine, for measuring what its servers cost:
   * with the binaries backend, the watchdog shells of etcd and kube-apiserver (each server is a
   * child of its shell). Empty where the servers are not this JVM's children (containers, a
   * kubeconfig's cluster), and once closed.
   */
  default List<ProcessHandle> localProcesses() {
    return List.of();
  }

  /**
   * Stops kube-apiserver and nothing else: etcd and its data stay. Clients get "connection
   * refused" until {@link #startApiServer()}. For fault tests and scenarios about them.
   *
   * @throws dev.minisched.scenarios.UserError on a cluster that is not ours (kubeconfig backend)
   */
  void stopApiServer();

  /** Starts the stopped kube-apiserver again, same flags and port; returns once it is ready. */
  void startApiServer();

  /**
   * Stops and removes everything the backend started, as {@link #close()} does, and says what
   * that was, for the line printed at the end of a run. A second call, and a cluster that is not
   * ours, stop nothing.
   */
  Stopped stop();

  /** {@link #stop()}, for try-with-resources. */
  @Override
  void close();
}
