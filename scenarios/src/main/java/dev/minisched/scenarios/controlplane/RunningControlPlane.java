package dev.minisched.scenarios.controlplane;

import io.kubernetes.client.openapi.ApiClient;
import java.nio.file.Path;

/**
 * What every backend hands back once its control plane is ready: the kubeconfig, a description,
 * and how to stop what the backend started. The backends differ only in how they start.
 *
 * <p>{@link #close()} may come from any thread (the runner's shutdown hook on Ctrl-C) and stops
 * once; a second call returns at once.
 */
final class RunningControlPlane implements ControlPlane {
  private final Backend backend;
  private final Path kubeconfig;
  private final String description;
  private final boolean shared;
  private final Runnable stop;
  private boolean closed;

  private RunningControlPlane(Backend backend, Path kubeconfig, String description, boolean shared, Runnable stop) {
    this.backend = backend;
    this.kubeconfig = kubeconfig;
    this.description = description;
    this.shared = shared;
    this.stop = stop;
  }

  /** A control plane of our own; {@code stop} removes everything the backend started. */
  static ControlPlane owned(Backend backend, Path kubeconfig, String description, Runnable stop) {
    return new RunningControlPlane(backend, kubeconfig, description, false, stop);
  }

  /** Someone else's cluster: closing leaves it running. */
  static ControlPlane shared(Backend backend, Path kubeconfig, String description) {
    return new RunningControlPlane(backend, kubeconfig, description, true, () -> {});
  }

  @Override
  public String backend() {
    return backend.userName();
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public ApiClient newClient() {
    return KubeconfigFile.newClient(kubeconfig);
  }

  @Override
  public boolean isShared() {
    return shared;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop.run();
  }
}
