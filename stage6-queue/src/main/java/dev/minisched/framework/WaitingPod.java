package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A pod that Permit plugins hold before binding: which plugins it still waits for, each with a
 * timer that rejects the pod when that plugin's timeout runs out. Upstream: {@code waitingPod}
 * in framework/runtime/waiting_pods_map.go.
 *
 * <p>Threads: {@link #allow} and {@link #reject} may be called from any thread — a plugin's
 * timer, an informer handler, the timeout timers — while the binding cycle waits for the
 * {@link #decision}. {@code this} guards the pending plugins; the first decision wins, and later
 * calls change nothing.
 */
public final class WaitingPod {
  private final V1Pod pod;
  private final String nodeName;
  // Guarded by this: the plugins that said Wait and have not allowed yet, with their timers.
  private final Map<String, ScheduledFuture<?>> pending = new LinkedHashMap<>();
  private final CompletableFuture<Status> decision = new CompletableFuture<>();

  WaitingPod(V1Pod pod, String nodeName, Map<String, Duration> timeouts, ScheduledExecutorService timers) {
    this.pod = pod;
    this.nodeName = nodeName;
    synchronized (this) {
      timeouts.forEach((plugin, timeout) -> pending.put(plugin, timers.schedule(
          // Upstream's wording (newWaitingPod), the timeout as Go prints it: "10s", "500ms".
          () -> reject(plugin, "rejected due to timeout after waiting " + GoDuration.format(timeout)
              + " at plugin " + plugin),
          timeout.toMillis(), TimeUnit.MILLISECONDS)));
    }
  }

  public V1Pod pod() {
    return pod;
  }

  /** The node the pod will be bound to once allowed. */
  public String nodeName() {
    return nodeName;
  }

  public synchronized Set<String> pendingPlugins() {
    return Set.copyOf(pending.keySet());
  }

  /**
   * The plugin lets the pod through. When the last waiting plugin has allowed it, the binding
   * thread goes on to bind.
   *
   * @return false if the plugin was not waited for (already allowed, or the pod was decided)
   */
  public synchronized boolean allow(String plugin) {
    ScheduledFuture<?> timer = pending.remove(plugin);
    if (timer == null) {
      return false;
    }
    timer.cancel(false);
    if (pending.isEmpty()) {
      decision.complete(Status.SUCCESS);
    }
    return true;
  }

  /**
   * The pod may not be bound: its attempt fails with the plugin's reason. Stops all timers.
   *
   * @return false if the pod was decided already
   */
  public synchronized boolean reject(String plugin, String reason) {
    pending.values().forEach(timer -> timer.cancel(false));
    pending.clear();
    return decision.complete(Status.unschedulable(reason).withPlugin(plugin));
  }

  /**
   * Completes when every plugin allowed the pod (success) or one rejected it (unschedulable), on
   * the thread that decided. A copy: whoever waits on it cannot decide for the plugins.
   */
  CompletableFuture<Status> decision() {
    return decision.copy();
  }
}
