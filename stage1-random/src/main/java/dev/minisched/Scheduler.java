package dev.minisched;

import dev.minisched.scenarios.RunningScheduler;
import dev.minisched.scenarios.WatchFailures;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.informer.cache.Indexer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeList;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1: the smallest scheduler that works. Informers watch pods and nodes; pods that need a
 * node wait in a {@link SchedulingQueue}; one thread takes them one at a time and binds each to a
 * node picked at random. Start reading at {@link #scheduleOne}.
 *
 * <p>Threads: client-java's informer threads keep the caches and call {@link EventHandlers};
 * the thread "minisched-scheduler" runs {@link #scheduleOne} in a loop and is the only one that
 * schedules; {@link SchedulerEvents} writes Events on threads of its own. The node cache (the
 * informer's indexer) is safe to read from any thread.
 */
public final class Scheduler implements RunningScheduler {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  private final SharedInformerFactory informers;
  private final WatchFailures watchFailures = new WatchFailures();
  private final SharedIndexInformer<V1Pod> podInformer;
  private final SharedIndexInformer<V1Node> nodeInformer;
  private final Indexer<V1Node> nodes;
  private final SchedulingQueue queue = new SchedulingQueue();
  private final Binder binder;
  private final SchedulerEvents events;
  private final Thread loop;

  Scheduler(ApiClient client, String schedulerName) {
    this.informers = new SharedInformerFactory(client);
    this.podInformer = informers.sharedIndexInformerFor(
        new GenericKubernetesApi<>(V1Pod.class, V1PodList.class, "", "v1", "pods", client),
        V1Pod.class, 0, "", watchFailures::failed);
    this.nodeInformer = informers.sharedIndexInformerFor(
        new GenericKubernetesApi<>(V1Node.class, V1NodeList.class, "", "v1", "nodes", client),
        V1Node.class, 0, "", watchFailures::failed);
    this.nodes = nodeInformer.getIndexer();
    this.binder = new Binder(new CoreV1Api(client));
    this.events = new SchedulerEvents(client, schedulerName);
    EventHandlers.register(podInformer, queue, schedulerName);
    this.loop = new Thread(this::run, "minisched-scheduler");
  }

  /**
   * Starts a scheduler for the pods that ask for {@code schedulerName}, and returns once its
   * caches hold the cluster as it is now (upstream: WaitForCacheSync before the first cycle).
   */
  public static Scheduler start(ApiClient client, String schedulerName) throws InterruptedException {
    Scheduler scheduler = new Scheduler(client, schedulerName);
    scheduler.events.start();
    scheduler.informers.startAllRegisteredInformers();
    scheduler.awaitCachesSynced();
    scheduler.loop.start();
    return scheduler;
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        scheduleOne();
      } catch (InterruptedException stopping) {
        return;
      } catch (RuntimeException e) {
        log.error("a scheduling cycle failed unexpectedly; going on with the next pod", e);
      }
    }
  }

  /**
   * One pod, start to end: take the next pod, look at the nodes, pick one, bind. Upstream's
   * {@code scheduleOne} (pkg/scheduler/schedule_one.go) has the same shape; the later stages
   * fill in how a node is picked.
   */
  void scheduleOne() throws InterruptedException {
    V1Pod pod = queue.pop();
    List<V1Node> candidates = nodes.list();
    if (candidates.isEmpty()) {
      fail(pod, "no nodes available to schedule pods");
      return;
    }
    String node = selectHost(candidates);
    // The choice, then the binding: two steps (stage 5 runs them apart), each with its line.
    log.info("{}: chose {} at random among {} nodes", Pods.key(pod), node, candidates.size());
    bind(pod, node);
  }

  /** Stage 1's only rule: every node is as good as any other. */
  private static String selectHost(List<V1Node> candidates) {
    V1Node chosen = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    return chosen.getMetadata().getName();
  }

  private void bind(V1Pod pod, String node) {
    try {
      switch (binder.bind(pod, node)) {
        case BOUND -> {
          log.info("{} bound to {}", Pods.key(pod), node);
          events.scheduled(pod, node);
        }
        case ALREADY_BOUND -> log.info("{} was bound to {} already (409 Conflict); nothing to do", Pods.key(pod), node);
      }
    } catch (ApiException e) {
      fail(pod, Binder.failureMessage(e));
    }
  }

  /**
   * The pod stays pending: an Event says why. Nothing retries it in this stage; the scheduling
   * queue of stage 6 brings it back.
   */
  private void fail(V1Pod pod, String message) {
    log.info("{} could not be scheduled: {}", Pods.key(pod), message);
    events.failedScheduling(pod, message);
  }

  private void awaitCachesSynced() throws InterruptedException {
    long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
    while (!(podInformer.hasSynced() && nodeInformer.hasSynced())) {
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("the pod and node caches did not sync within "
            + SYNC_TIMEOUT.toSeconds() + " s; is the API server reachable?");
      }
      Thread.sleep(20); // upstream's WaitForCacheSync polls too
    }
  }

  /** Stops the loop, then the informers and the event recorder, and waits for the loop. */
  @Override
  public void close() {
    queue.close();
    loop.interrupt();
    try {
      if (loop.isAlive()) {
        loop.join(Duration.ofSeconds(10).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watchFailures.stopping(); // the watches about to be cut off are no failure
    informers.stopAllRegisteredInformers();
    events.close();
  }
}
