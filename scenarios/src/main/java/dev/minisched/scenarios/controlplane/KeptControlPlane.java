package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stopped;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A private control plane (containers or binaries) kept from one scenario to the next in one JVM,
 * when the setting {@code controlPlane.reuse} is on. The stages' integration tests turn it on
 * (the root pom's failsafe configuration): a fresh etcd and kube-apiserver cost 5 to 8 s per
 * scenario, most of such a test's time, and a fresh one is not what those tests test. Instead,
 * the cluster is cleared before the next scenario gets it ({@link ClusterReset#clearAll}).
 *
 * <p>A fresh one is started all the same when the kept one does not answer, when a scenario
 * stopped its kube-apiserver (a fault test: it is stopped for good when that scenario ends),
 * when the next scenario asks for another backend or other images, and when one is in use
 * (two scenarios at once). The kept one stops when the JVM exits.
 *
 * <p>Threads: any thread may take one; the fields are guarded by the class's lock.
 */
final class KeptControlPlane {
  static final String SETTING = "controlPlane.reuse";
  /** The settings that decide what a backend starts: a kept one serves only the same. */
  private static final List<String> IDENTITY = List.of(Backend.SETTING, "apiserver.image", "etcd.image",
      "binaries.dir", "containers.group");

  private static ControlPlane kept;
  private static String keptFor;
  private static boolean inUse;
  private static boolean hookAdded;

  private KeptControlPlane() {}

  /**
   * A control plane for one scenario: the kept one, cleared, if there is one for these settings
   * and nobody uses it; otherwise a fresh one, kept afterwards if it is private. Stopping what this
   * returns hands it back instead.
   */
  static ControlPlane take(Settings settings) {
    String key = IDENTITY.stream().map(k -> k + "=" + settings.get(k).orElse(""))
        .collect(Collectors.joining(" "));
    ControlPlane stale = null;
    synchronized (KeptControlPlane.class) {
      if (kept != null && !inUse && key.equals(keptFor)) {
        Optional<String> problem = clear(kept);
        if (problem.isEmpty()) {
          inUse = true;
          System.out.printf("[minisched] the %s control plane of the scenario before, cleared: %s%n",
              kept.backend(), kept.description());
          return new Loan(kept);
        }
        System.out.printf("[minisched] not reusing the %s control plane of the scenario before: %s%n",
            kept.backend(), problem.get());
        stale = kept;
        kept = null;
      } else if (kept != null && !inUse) {
        stale = kept; // another backend or other images: one kept at a time
        kept = null;
      }
    }
    if (stale != null) {
      stale.stop();
    }
    ControlPlane fresh = ControlPlanes.start(settings);
    if (fresh.isShared()) {
      return fresh;
    }
    synchronized (KeptControlPlane.class) {
      if (kept != null) {
        return fresh; // another scenario keeps one already: this one is stopped after its run
      }
      kept = fresh;
      keptFor = key;
      inUse = true;
      if (!hookAdded) {
        Runtime.getRuntime().addShutdownHook(new Thread(KeptControlPlane::stopKept, "minisched-kept-control-plane"));
        hookAdded = true;
      }
      return new Loan(fresh);
    }
  }

  /** Empty when the cluster answered and is clear; otherwise why not. */
  private static Optional<String> clear(ControlPlane controlPlane) {
    try {
      ClusterReset.clearAll(new CoreV1Api(controlPlane.newClient()), "default");
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while clearing it");
    } catch (Exception e) {
      return Optional.of(String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
    }
  }

  /** Stops the kept control plane now, if there is one: at the JVM's exit, or when a test must leave nothing. */
  static void stopKept() {
    ControlPlane last;
    synchronized (KeptControlPlane.class) {
      last = kept;
      kept = null;
    }
    if (last != null) {
      last.stop();
    }
  }

  /** Hands the kept one back, or stops it for good when its kube-apiserver was stopped. */
  private static Stopped giveBack(ControlPlane controlPlane, boolean faulted) {
    synchronized (KeptControlPlane.class) {
      inUse = false;
      if (!faulted) {
        return Stopped.NOTHING;
      }
      if (kept == controlPlane) {
        kept = null;
      }
    }
    return controlPlane.stop();
  }

  /** The kept control plane, lent to one scenario. */
  private static final class Loan implements ControlPlane {
    private final ControlPlane lent;
    private boolean faulted; // the scenario's thread only
    private boolean returned;

    Loan(ControlPlane lent) {
      this.lent = lent;
    }

    @Override
    public String backend() {
      return lent.backend();
    }

    @Override
    public String description() {
      return lent.description();
    }

    @Override
    public Path kubeconfig() {
      return lent.kubeconfig();
    }

    @Override
    public ApiClient newClient() {
      return lent.newClient();
    }

    @Override
    public List<ProcessHandle> localProcesses() {
      return lent.localProcesses();
    }

    @Override
    public void stopApiServer() {
      faulted = true;
      lent.stopApiServer();
    }

    @Override
    public void startApiServer() {
      lent.startApiServer();
    }

    @Override
    public synchronized Stopped stop() {
      if (returned) {
        return Stopped.NOTHING;
      }
      returned = true;
      return giveBack(lent, faulted);
    }

    @Override
    public void close() {
      stop();
    }
  }
}
