package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.PodWatch;
import dev.minisched.scenarios.WatchFailures;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Notes the moment ({@link System#nanoTime}) each pod is first seen bound, from a watch on the
 * namespace's pods: the time a client learns of the binding, as {@code kubectl get pods -w}
 * would, which is the API server's commit plus the watch's delivery.
 *
 * <p>Threads: the informer's thread records; the benchmark's thread waits and reads. The map is
 * concurrent and the latch counts down once per pod.
 */
final class BindingWatch implements AutoCloseable {
  private final SharedInformerFactory informers;
  private final WatchFailures watchFailures = new WatchFailures();
  private final SharedIndexInformer<V1Pod> pods;
  private final Map<String, Long> boundAt = new ConcurrentHashMap<>();
  private final CountDownLatch allBound;

  private BindingWatch(ApiClient client, String namespace, int expected) {
    this.allBound = new CountDownLatch(expected);
    this.informers = new SharedInformerFactory(client);
    // The benchmark deletes pods only between contenders, when no watch runs.
    this.pods = PodWatch.register(informers, client, namespace, watchFailures, this::observe, () -> {});
  }

  /** Starts watching and returns once the watch holds every pod there is now. */
  static BindingWatch start(ApiClient client, String namespace, int expected) throws InterruptedException {
    BindingWatch watch = new BindingWatch(client, namespace, expected);
    watch.informers.startAllRegisteredInformers();
    while (!watch.pods.hasSynced()) {
      Thread.sleep(10); // as client-go's WaitForCacheSync polls
    }
    return watch;
  }

  private void observe(V1Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (node != null && !node.isEmpty()
        && boundAt.putIfAbsent(pod.getMetadata().getName(), System.nanoTime()) == null) {
      allBound.countDown();
    }
  }

  /**
   * Waits until every pod is bound or the timeout ends; {@code check} runs a few times a second
   * and may throw to stop waiting (a contender that died). Returns whether all were bound.
   */
  boolean awaitAllBound(Duration timeout, Runnable check) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (allBound.await(200, TimeUnit.MILLISECONDS)) {
        return true;
      }
      check.run();
    }
    return false;
  }

  /** Pod name → when it was first seen bound. */
  Map<String, Long> boundAt() {
    return Map.copyOf(boundAt);
  }

  @Override
  public void close() {
    watchFailures.stopping();
    informers.stopAllRegisteredInformers();
  }
}
