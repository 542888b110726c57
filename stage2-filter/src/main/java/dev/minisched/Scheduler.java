package dev.minisched;

import dev.minisched.framework.CycleResult;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.Diagnosis;
import dev.minisched.framework.FitError;
import dev.minisched.framework.Framework;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.Status;
import dev.minisched.plugins.NodeAffinity;
import dev.minisched.plugins.NodeResourcesFit;
import dev.minisched.plugins.NodeUnschedulable;
import dev.minisched.plugins.Registry;
import dev.minisched.plugins.TaintToleration;
import dev.minisched.scenarios.config.Configurable;
import dev.minisched.scenarios.config.KubeSchedulerProfile;
import dev.minisched.scenarios.RunningScheduler;
import dev.minisched.scenarios.WatchFailures;
import dev.minisched.scenarios.results.ResultWriter;
import dev.minisched.scenarios.results.ResultsMode;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeList;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2: filter plugins. As in stage 1, informers feed a {@link SchedulingQueue} and one thread
 * schedules one pod at a time; now the {@link Framework} runs the filter plugins on every node,
 * only the nodes that pass are candidates, and when none passes a {@link FitError} tells why.
 * Start reading at {@link #scheduleOne}.
 *
 * <p>Threads: client-java's informer threads call {@link EventHandlers}, which keep the
 * {@link SchedulerCache} of nodes and their pods current and feed the queue; the thread
 * "minisched-scheduler" runs {@link #scheduleOne} in a loop, is the only one that schedules, and
 * reads the cache only through a snapshot per cycle; {@link SchedulerEvents} writes Events on
 * threads of its own, and {@link ResultWriter} writes each attempt's plugin results onto the pod
 * on its thread "minisched-results".
 */
public final class Scheduler implements RunningScheduler {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  private final SharedInformerFactory informers;
  private final WatchFailures watchFailures = new WatchFailures();
  private final SharedIndexInformer<V1Pod> podInformer;
  private final SharedIndexInformer<V1Node> nodeInformer;
  private final SchedulerCache cache = new SchedulerCache();
  private final SchedulingQueue queue = new SchedulingQueue();
  private final Framework framework;
  private final Binder binder;
  private final SchedulerEvents events;
  private final ResultWriter results;
  private final Thread loop;

  /**
   * The plugins of this stage, in the order they run: upstream's default profile runs its filters
   * in this relative order, cheap and decisive checks first, the resource arithmetic last. A
   * configuration file ({@code -Dminisched.config}) is merged over it; {@code --print-config}
   * prints it.
   */
  static final KubeSchedulerProfile DEFAULT_PROFILE = KubeSchedulerProfile.builder()
      .multiPoint(NodeUnschedulable.NAME)
      .multiPoint(TaintToleration.NAME)
      .multiPoint(NodeAffinity.NAME)
      .multiPoint(NodeResourcesFit.NAME)
      .build();

  /** The default profile's framework, with this stage's plugins. */
  static Framework framework() {
    Registry registry = Registry.inTree();
    return registry.framework(configurable(registry).defaultProfile());
  }

  /**
   * What a configuration file can change: the default profile, the plugins of {@code registry}
   * (the in-tree ones, and any of your own), and a scheduler for a profile. The profile's plugins
   * are made (and their args checked) when it is given, before a control plane starts.
   */
  static Configurable configurable(Registry registry) {
    return new Configurable(DEFAULT_PROFILE, registry.extensionPoints(), profile -> {
      Framework framework = registry.framework(profile);
      return (client, schedulerName) -> start(client, schedulerName, framework);
    });
  }

  Scheduler(ApiClient client, String schedulerName, Framework framework) {
    this.framework = framework;
    this.informers = new SharedInformerFactory(client);
    this.podInformer = informers.sharedIndexInformerFor(
        new GenericKubernetesApi<>(V1Pod.class, V1PodList.class, "", "v1", "pods", client),
        V1Pod.class, 0, "", watchFailures::failed);
    this.nodeInformer = informers.sharedIndexInformerFor(
        new GenericKubernetesApi<>(V1Node.class, V1NodeList.class, "", "v1", "nodes", client),
        V1Node.class, 0, "", watchFailures::failed);
    this.binder = new Binder(new CoreV1Api(client));
    this.events = new SchedulerEvents(client, schedulerName);
    this.results = new ResultWriter(client, ResultsMode.configured());
    EventHandlers.register(podInformer, nodeInformer, queue, cache, schedulerName);
    this.loop = new Thread(this::run, "minisched-scheduler");
  }

  /**
   * Starts a scheduler for the pods that ask for {@code schedulerName}, and returns once its
   * caches hold the cluster as it is now (upstream: WaitForCacheSync before the first cycle).
   */
  public static Scheduler start(ApiClient client, String schedulerName) throws InterruptedException {
    return start(client, schedulerName, framework());
  }

  /** As {@link #start(ApiClient, String)}, with the plugins of a profile. */
  static Scheduler start(ApiClient client, String schedulerName, Framework framework) throws InterruptedException {
    Scheduler scheduler = new Scheduler(client, schedulerName, framework);
    scheduler.events.start();
    scheduler.results.start();
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
   * One pod, start to end: take the next pod, find the nodes it fits on, pick one, bind.
   * Upstream's {@code scheduleOne} (pkg/scheduler/schedule_one.go) has the same shape.
   */
  void scheduleOne() throws InterruptedException {
    V1Pod pod = queue.pop();
    CycleState state = new CycleState(results.records() ? new CycleResult() : CycleResult.NONE);
    try {
      String node = schedulePod(state, pod, snapshot());
      state.result().selectedNode(node);
      bind(pod, node);
    } catch (FitError e) {
      fail(pod, e.getMessage());
    } catch (SchedulingError e) {
      fail(pod, e.getMessage());
    } finally {
      recordResult(pod, state);
    }
  }

  /** Upstream's schedulePod: filter, then choose among the nodes that passed. */
  String schedulePod(CycleState state, V1Pod pod, List<NodeInfo> nodes) throws FitError, SchedulingError {
    if (nodes.isEmpty()) {
      throw new SchedulingError("no nodes available to schedule pods");
    }
    List<NodeInfo> feasible = findNodesThatFitPod(state, pod, nodes);
    String host = selectHost(feasible);
    if (feasible.size() == 1) {
      log.info("{}: chose {}, the only node (of {}) that passed the filters", Pods.key(pod), host, nodes.size());
    } else {
      log.info("{}: chose {} at random among the {} of {} nodes that passed the filters", Pods.key(pod), host,
          feasible.size(), nodes.size());
    }
    return host;
  }

  /**
   * The filter phase: every node through the filter plugins. The nodes that pass are feasible;
   * for the others the {@link Diagnosis} keeps the status that rejected each.
   */
  List<NodeInfo> findNodesThatFitPod(CycleState state, V1Pod pod, List<NodeInfo> nodes)
      throws FitError, SchedulingError {
    Diagnosis diagnosis = new Diagnosis();
    List<NodeInfo> feasible = new ArrayList<>();
    for (NodeInfo node : nodes) {
      Status status = framework.runFilterPlugins(state, pod, node);
      if (status.isSuccess()) {
        feasible.add(node);
      } else if (status.isRejected()) {
        diagnosis.reject(node.name(), status);
      } else {
        throw new SchedulingError("running \"" + status.plugin() + "\" filter plugin: " + status.message());
      }
    }
    if (feasible.isEmpty()) {
      throw new FitError(pod, nodes.size(), diagnosis);
    }
    return feasible;
  }

  /** Any feasible node will do: pick one at random. Stage 3 ranks them instead. */
  private static String selectHost(List<NodeInfo> feasible) {
    return feasible.get(ThreadLocalRandom.current().nextInt(feasible.size())).name();
  }

  /** The nodes and their pods as the cache has them now; upstream's Cache.UpdateSnapshot. */
  private List<NodeInfo> snapshot() {
    return cache.snapshot();
  }

  private void bind(V1Pod pod, String node) {
    try {
      switch (binder.bind(pod, node)) {
        case BOUND -> {
          cache.addBoundPod(pod, node);
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

  /** The attempt's plugin results onto the pod (or the log), off this thread. */
  private void recordResult(V1Pod pod, CycleState state) {
    if (state.result() != CycleResult.NONE) {
      results.write(pod, state.result().annotations());
    }
  }

  private void awaitCachesSynced() throws InterruptedException {
    long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
    while (!(podInformer.hasSynced() && nodeInformer.hasSynced()
        && cache.holds(nodeInformer.getIndexer().list(), podInformer.getIndexer().list()))) {
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
    results.close();
  }
}
