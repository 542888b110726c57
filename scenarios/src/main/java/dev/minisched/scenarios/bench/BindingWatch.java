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
import java.util.function.Predicate;

/**
 * Notes the moment ({@link System#nanoTime}) each pod is first seen bound, from a watch on the
 * namespace's pods: the time a client learns of the binding, as {@code kubectl get pods -w}
 * would, which is the API server's commit plus the watch's delivery. Only the pods
 * {@code counted} accepts (the measured ones) count towards "all bound".
 *
 * <p>Threads: the informer's thread records; the benchmark's thread waits and reads. The map is
 * concurrent and the latch counts down once per counted pod.
 */
final class BindingWatch implements AutoCloseable {
  private final SharedInformerFactory informers;
  private final WatchFailures watchFailures = new WatchFailures();
  private final SharedIndexInformer<V1Pod> pods;
  private final Map<String, Long> boundAt = new ConcurrentHashMap<>();
  private final CountDownLatch allBound;
  private final Predicate<String> counted;

  private BindingWatch(ApiClient client, String namespace, int expected, Predicate<String> counted) {
    this.allBound = new CountDownLatch(expected);
    this.counted = counted;
    this.informers = new SharedInformerFactory(client);
    // The benchmark deletes no pods: each run has a control plane of its own.
    this.pods = PodWatch.register(informers, client, namespace, watchFailures, this::observe, () -> {});
  }

  /** Starts watching and returns once the watch holds every pod there is now. */
  static BindingWatch start(ApiClient client, String namespace, int expected, Predicate<String> counted)
      throws InterruptedException {
    BindingWatch watch = new BindingWatch(client, namespace, expected, counted);
    watch.informers.startAllRegisteredInformers();
    while (!watch.pods.hasSynced()) {
      Thread.sleep(10); // as client-go's WaitForCacheSync polls
    }
    return watch;
  }

  private void observe(V1Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    String name = pod.getMetadata().getName();
    if (node != null && !node.isEmpty() && boundAt.putIfAbsent(name, System.nanoTime()) == null
        && counted.test(name)) {
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

  /** Waits until the pod {@code name} is bound or the timeout ends; {@code check} as above. */
  boolean awaitBound(String name, Duration timeout, Runnable check) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!boundAt.containsKey(name)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      check.run();
      Thread.sleep(20); // polls a map the informer fills; no API request
    }
    return true;
  }

  /** Pod name → when it was first seen bound, counted or not. */
  Map<String, Long> boundAt() {
    return Map.copyOf(boundAt);
  }

  @Override
  public void close() {
    watchFailures.stopping();
    informers.stopAllRegisteredInformers();
  }
}
