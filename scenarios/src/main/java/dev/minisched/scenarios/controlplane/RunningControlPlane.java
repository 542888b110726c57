package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.Stopped;
import dev.minisched.scenarios.UserError;
import io.kubernetes.client.openapi.ApiClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What every backend hands back once its control plane is ready: the kubeconfig, a description,
 * and how to stop what the backend started. The backends differ only in how they start.
 *
 * <p>{@link #close()} may come from any thread (the runner's shutdown hook on Ctrl-C) and stops
 * once; a second call returns at once. Stopping and starting the API server, and closing, are
 * guarded by {@code this}: a Ctrl-C during a restart waits for the restart, then removes all.
 */
final class RunningControlPlane implements ControlPlane {
  private final Backend backend;
  private final Path kubeconfig;
  private final String description;
  private final boolean shared;
  private final Supplier<Stopped> stop;
  private final ApiServerSwitch apiServer;
  /** Read under {@code this}: a restart of the API server replaces one of them. */
  private final Supplier<List<ProcessHandle>> localProcesses;
  private boolean closed;

  /** How a backend stops and starts its kube-apiserver alone (etcd keeps running). */
  interface ApiServerSwitch {
    void stop();

    /** Same flags, same port; returns once ready. */
    void start();
  }

  private RunningControlPlane(Backend backend, Path kubeconfig, String description, boolean shared,
      Supplier<Stopped> stop, ApiServerSwitch apiServer, Supplier<List<ProcessHandle>> localProcesses) {
    this.backend = backend;
    this.kubeconfig = kubeconfig;
    this.description = description;
    this.shared = shared;
    this.stop = stop;
    this.apiServer = apiServer;
    this.localProcesses = localProcesses;
  }

  /**
   * A control plane of our own; {@code stop} removes everything the backend started and says
   * what that was; {@code localProcesses} are its servers' processes on this machine, if any.
   */
  static ControlPlane owned(Backend backend, Path kubeconfig, String description, Supplier<Stopped> stop,
      ApiServerSwitch apiServer, Supplier<List<ProcessHandle>> localProcesses) {
    return new RunningControlPlane(backend, kubeconfig, description, false, stop, apiServer, localProcesses);
  }

  /** Someone else's cluster: closing leaves it running, and its API server is not ours to stop. */
  static ControlPlane shared(Backend backend, Path kubeconfig, String description) {
    ApiServerSwitch notOurs = new ApiServerSwitch() {
      @Override
      public void stop() {
        throw notOurs();
      }

      @Override
      public void start() {
        throw notOurs();
      }

      private UserError notOurs() {
        return new UserError("the " + backend.userName() + " backend uses a cluster that is not ours: "
            + "its API server cannot be stopped or started. Run this with a control plane of our own: "
            + Backend.BINARIES.howToSelect() + " or " + Backend.CONTAINERS.howToSelect() + ".");
      }
    };
    return new RunningControlPlane(backend, kubeconfig, description, true, () -> Stopped.NOTHING, notOurs, List::of);
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
  public synchronized List<ProcessHandle> localProcesses() {
    return closed ? List.of() : localProcesses.get();
  }

  @Override
  public synchronized void stopApiServer() {
    ensureOpen();
    System.out.println("[minisched] stopping kube-apiserver (etcd keeps running)");
    apiServer.stop();
  }

  @Override
  public synchronized void startApiServer() {
    ensureOpen();
    long started = System.nanoTime();
    apiServer.start();
    System.out.printf(Locale.ROOT, "[minisched] kube-apiserver ready again after %.1f s%n",
        (System.nanoTime() - started) / 1e9);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the control plane is closed");
    }
  }

  @Override
  public synchronized Stopped stop() {
    if (closed) {
      return Stopped.NOTHING;
    }
    closed = true;
    return stop.get();
  }

  @Override
  public void close() {
    stop();
  }
}
