package dev.minisched;

import dev.minisched.framework.CycleResult;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.Diagnosis;
import dev.minisched.framework.FitError;
import dev.minisched.framework.Framework;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.NodeScore;
import dev.minisched.framework.Parallelizer;
import dev.minisched.framework.PluginScores;
import dev.minisched.framework.Status;
import dev.minisched.plugins.NodeAffinity;
import dev.minisched.plugins.NodeNumber;
import dev.minisched.plugins.NodeResourcesBalancedAllocation;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 3: score plugins. As in stage 2, the filter plugins find the nodes a pod fits on; now
 * the score plugins rank those nodes, and the node with the highest weighted total wins, ties
 * broken at random. Start reading at {@link #scheduleOne}.
 *
 * <p>Threads: client-java's informer threads call {@link EventHandlers}, which keep the
 * {@link SchedulerCache} of nodes and their pods current and feed the queue; the thread
 * "minisched-scheduler" runs {@link #scheduleOne} in a loop, is the only one that schedules, and
 * reads the cache only through a snapshot per cycle, handing the filter and score work to the
 * framework's workers "minisched-parallel-N" and waiting for them; {@link SchedulerEvents} writes
 * Events on threads of its own, and {@link ResultWriter} writes each attempt's plugin results
 * onto the pod on its thread "minisched-results".
 */
public final class Scheduler implements RunningScheduler {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);
  private static final int NODES_SHOWN = 12;
  /** Upstream's minFeasibleNodesToFind: below this many nodes, all are checked. */
  static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
  /** Upstream's minFeasibleNodesPercentageToFind: the adaptive percentage goes no lower. */
  static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
  /** Upstream's default percentageOfNodesToScore: 0, adaptive. */
  static final int DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE = 0;

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
  /** How many feasible nodes end the filter phase: see {@link #numFeasibleNodesToFind}. */
  private final int percentageOfNodesToScore;
  /** Where the next filter phase starts in the snapshot's node list. Scheduling thread only. */
  private int nextStartNodeIndex;

  /**
   * The plugins of this stage, in the order they run, and the score plugins' weights. The filters
   * keep upstream's default profile's relative order, cheap and decisive checks first, the
   * resource arithmetic last; the real score plugins have upstream's default weights (a
   * PreferNoSchedule taint counts most, then preferred node affinity, then room and balance), and
   * the toy NodeNumber keeps its own. A configuration file ({@code -Dminisched.config}) is merged
   * over it; {@code --print-config} prints it.
   */
  static final KubeSchedulerProfile DEFAULT_PROFILE = KubeSchedulerProfile.builder()
      .multiPoint(NodeUnschedulable.NAME)
      .multiPoint(TaintToleration.NAME, 3)
      .multiPoint(NodeAffinity.NAME, 2)
      .multiPoint(NodeResourcesFit.NAME, 1)
      .multiPoint(NodeResourcesBalancedAllocation.NAME, 1)
      .multiPoint(NodeNumber.NAME, 1)
      .args(NodeResourcesFit.NAME, "scoringStrategy: {type: LeastAllocated, "
          + "resources: [{name: cpu, weight: 1}, {name: memory, weight: 1}]}")
      .build();

  /** The default profile's framework, with this stage's plugins. */
  static Framework framework() {
    return framework(Parallelizer.DEFAULT_PARALLELISM);
  }

  /** The same plugins, filtering and scoring with {@code parallelism} workers. */
  static Framework framework(int parallelism) {
    Registry registry = Registry.inTree();
    return registry.framework(configurable(registry).defaultProfile().withParallelism(parallelism));
  }

  /**
   * What a configuration file can change: the default profile, the plugins of {@code registry}
   * (the in-tree ones, and any of your own), and a scheduler for a profile. The profile's plugins
   * are made (and their args checked) when it is given, before a control plane starts; each
   * start makes them anew, since a framework holds its workers and stops with its scheduler.
   */
  static Configurable configurable(Registry registry) {
    return new Configurable(DEFAULT_PROFILE, registry.extensionPoints(), profile -> {
      registry.framework(profile).close();
      return (client, schedulerName) -> start(client, schedulerName, registry.framework(profile),
          profile.percentageOfNodesToScore().orElse(DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE));
    });
  }

  Scheduler(ApiClient client, String schedulerName, Framework framework) {
    this(client, schedulerName, framework, DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE);
  }

  /**
   * {@code percentageOfNodesToScore} as upstream's setting: 0 for adaptive, else 1..100; the
   * framework brings the other, {@code parallelism}.
   */
  Scheduler(ApiClient client, String schedulerName, Framework framework, int percentageOfNodesToScore) {
    if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
      throw new IllegalArgumentException("percentageOfNodesToScore must be 0..100, not " + percentageOfNodesToScore);
    }
    this.framework = framework;
    this.percentageOfNodesToScore = percentageOfNodesToScore;
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
    return start(client, schedulerName, framework(), DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE);
  }

  /** As {@link #start(ApiClient, String)}, with the plugins and the percentageOfNodesToScore of a profile. */
  static Scheduler start(ApiClient client, String schedulerName, Framework framework, int percentageOfNodesToScore)
      throws InterruptedException {
    Scheduler scheduler = new Scheduler(client, schedulerName, framework, percentageOfNodesToScore);
    scheduler.events.start();
    scheduler.results.start();
    scheduler.informers.startAllRegisteredInformers();
    scheduler.awaitCachesSynced();
    scheduler.logSettings();
    scheduler.loop.start();
    return scheduler;
  }

  /** What decides the cost of a cycle at scale; a learner sees it once, at the start. */
  private void logSettings() {
    Parallelizer parallelizer = framework.parallelizer();
    String percentage = percentageOfNodesToScore == 0
        ? "0 (adaptive: 50 % less 1 per 125 nodes, at least 5 % and 100 nodes)"
        : percentageOfNodesToScore + " (at least 100 nodes)";
    log.info("filtering and scoring with parallelism {} (on {} threads, one per core); percentageOfNodesToScore {}",
        parallelizer.parallelism(), parallelizer.threads(), percentage);
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

  /** Upstream's schedulePod: filter, score the nodes that passed, take the best. */
  String schedulePod(CycleState state, V1Pod pod, List<NodeInfo> nodes) throws FitError, SchedulingError {
    if (nodes.isEmpty()) {
      throw new SchedulingError("no nodes available to schedule pods");
    }
    List<NodeInfo> feasible = findNodesThatFitPod(state, pod, nodes);
    if (feasible.size() == 1) { // as upstream: nothing to rank, so no scoring
      log.info("{}: chose {}, the only node (of {}) that passed the filters", Pods.key(pod),
          feasible.get(0).name(), nodes.size());
      return feasible.get(0).name();
    }
    Prioritized scored = prioritizeNodes(state, pod, feasible);
    String host = selectHost(scored.totals(), ThreadLocalRandom.current());
    if (log.isInfoEnabled()) {
      log.info("{}: chose {}", Pods.key(pod), whyChosen(host, scored));
    }
    return host;
  }

  /**
   * The filter phase: nodes through the filter plugins, on the framework's parallel workers, until
   * {@link #numFeasibleNodesToFind} of them have passed. The nodes that pass are feasible; for the
   * others the {@link Diagnosis} keeps the status that rejected each. Upstream's
   * findNodesThatPassFilters.
   *
   * <p>The search starts where the previous cycle's stopped ({@link #nextStartNodeIndex}), so that
   * over many pods every node gets its turn. The workers write each node's status into a slot of
   * their own and stop taking nodes once enough have passed; the statuses are then read in search
   * order up to the node that made the number, so the feasible nodes, the diagnosis and the next
   * start do not depend on which worker was quicker. A pod that fits nowhere is checked against
   * every node, and its diagnosis names them all.
   */
  List<NodeInfo> findNodesThatFitPod(CycleState state, V1Pod pod, List<NodeInfo> nodes)
      throws FitError, SchedulingError {
    int numNodes = nodes.size();
    int numNodesToFind = numFeasibleNodesToFind(percentageOfNodesToScore, numNodes);
    int start = nextStartNodeIndex;
    Status[] statuses = new Status[numNodes]; // index i: the i-th node of this search
    AtomicInteger passed = new AtomicInteger();
    AtomicBoolean enough = new AtomicBoolean();
    framework.parallelizer().until(numNodes, i -> {
      Status status = framework.runFilterPlugins(state, pod, nodes.get((start + i) % numNodes));
      statuses[i] = status;
      if (status.isSuccess() ? passed.incrementAndGet() >= numNodesToFind : !status.isRejected()) {
        enough.set(true); // enough found, or an error that ends the cycle anyway
      }
    }, enough::get);

    Diagnosis diagnosis = new Diagnosis();
    List<NodeInfo> feasible = new ArrayList<>(Math.min(numNodesToFind, numNodes));
    int processed = 0;
    // The workers ran a whole prefix of the search that holds these nodes: see Parallelizer.until.
    while (processed < numNodes && feasible.size() < numNodesToFind) {
      NodeInfo node = nodes.get((start + processed) % numNodes);
      Status status = statuses[processed++];
      if (status.isSuccess()) {
        feasible.add(node);
      } else if (status.isRejected()) {
        diagnosis.reject(node.name(), status);
      } else {
        nextStartNodeIndex = (start + processed) % numNodes;
        throw new SchedulingError("running \"" + status.plugin() + "\" filter plugin: " + status.message());
      }
    }
    nextStartNodeIndex = (start + processed) % numNodes;
    if (feasible.isEmpty()) {
      throw new FitError(pod, numNodes, diagnosis);
    }
    if (processed < numNodes && log.isDebugEnabled()) {
      log.debug("{}: {} feasible nodes found among the first {} of {} checked; the search stops there "
          + "(percentageOfNodesToScore)", Pods.key(pod), feasible.size(), processed, numNodes);
    }
    return feasible;
  }

  /**
   * How many feasible nodes are enough to stop the search: all nodes in a cluster of fewer than
   * {@value #MIN_FEASIBLE_NODES_TO_FIND}; otherwise the given percentage of them, and when that is
   * 0 (the default) an adaptive one, 50 % less one point per 125 nodes, at least
   * {@value #MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND} %; and never fewer than
   * {@value #MIN_FEASIBLE_NODES_TO_FIND} nodes. Upstream's numFeasibleNodesToFind: in a large
   * cluster, scoring a sample of good nodes costs far less than scoring all, and picks nearly as
   * well. So 5000 nodes → 10 % → 500 nodes; 1000 nodes → 42 % → 420.
   */
  static int numFeasibleNodesToFind(int percentageOfNodesToScore, int numAllNodes) {
    if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) {
      return numAllNodes;
    }
    int percentage = percentageOfNodesToScore;
    if (percentage == 0) {
      percentage = 50 - numAllNodes / 125;
      if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) {
        percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
      }
    }
    int numNodes = (int) ((long) numAllNodes * percentage / 100);
    return Math.max(numNodes, MIN_FEASIBLE_NODES_TO_FIND);
  }

  /**
   * The score phase: every score plugin's weighted scores, summed per node. Upstream's
   * prioritizeNodes. The chosen node's line says which plugins made it win ({@link #whyChosen});
   * at DEBUG every plugin's scores for every node follow ({@link #logScores}).
   */
  Prioritized prioritizeNodes(CycleState state, V1Pod pod, List<NodeInfo> feasible)
      throws SchedulingError {
    PluginScores scores = framework.runScorePlugins(state, pod, feasible);
    if (!scores.status().isSuccess()) {
      throw new SchedulingError(scores.status().message()); // the framework words it: it knows which step failed
    }
    long[] totals = new long[feasible.size()];
    for (List<NodeScore> nodeScores : scores.byPlugin().values()) {
      for (int i = 0; i < totals.length; i++) {
        totals[i] += nodeScores.get(i).score(); // each plugin's scores come in the order of the nodes
      }
    }
    List<NodeScore> result = new ArrayList<>(totals.length);
    for (int i = 0; i < totals.length; i++) {
      result.add(new NodeScore(feasible.get(i).name(), totals[i]));
    }
    if (log.isDebugEnabled()) {
      logScores(pod, scores, result);
    }
    return new Prioritized(scores, result);
  }

  /**
   * The score phase's outcome: each plugin's final (normalized, weighted) scores, and their sum per
   * node, in the order of the feasible nodes; selectHost reads the sums, the log both.
   */
  record Prioritized(PluginScores byPlugin, List<NodeScore> totals) {}

  /**
   * The node with the highest total; among equals, each is equally likely. Upstream picks with
   * reservoir sampling in one pass: the k-th tie replaces the choice so far with probability 1/k.
   */
  static String selectHost(List<NodeScore> totals, Random random) {
    NodeScore best = totals.get(0);
    int ties = 1;
    for (NodeScore candidate : totals.subList(1, totals.size())) {
      if (candidate.score() > best.score()) {
        best = candidate;
        ties = 1;
      } else if (candidate.score() == best.score()) {
        ties++;
        if (random.nextInt(ties) == 0) {
          best = candidate;
        }
      }
    }
    return best.name();
  }

  /**
   * Why the chosen node won, in one line: its total and the plugins that gave it points, then the
   * runner-up's total and the plugins that scored it otherwise, e.g. "node1 (497 = TaintToleration
   * 300 + NodeResourcesFit 97 + NodeNumber 100) over node0 (397: NodeNumber 0) and 8 more". The
   * scores are final ones, normalized and weighted, as the totals are.
   */
  private String whyChosen(String host, Prioritized scored) {
    List<NodeScore> totals = scored.totals();
    long best = byName(totals).get(host);
    NodeScore next = totals.stream().filter(n -> !n.name().equals(host))
        .max(Comparator.comparingLong(NodeScore::score).thenComparing(NodeScore::name, Comparator.reverseOrder()))
        .orElseThrow();
    List<String> parts = new ArrayList<>();
    List<String> otherwise = new ArrayList<>();
    scored.byPlugin().byPlugin().forEach((plugin, nodeScores) -> {
      Map<String, Long> scores = byName(nodeScores);
      if (scores.get(host) != 0) {
        parts.add(plugin + " " + scores.get(host));
      }
      if (!scores.get(next.name()).equals(scores.get(host))) {
        otherwise.add(plugin + " " + scores.get(next.name()));
      }
    });
    String line = host + " (" + best + (parts.isEmpty() ? "" : " = " + String.join(" + ", parts)) + ") over "
        + next.name() + " (" + next.score() + (next.score() == best ? ", a tie broken at random"
        : otherwise.isEmpty() ? "" : ": " + String.join(", ", otherwise)) + ")";
    return totals.size() > 2 ? line + " and " + (totals.size() - 2) + " more" : line;
  }

  /**
   * At DEBUG: "default/pod1 scores, best first: node3=500 node1=400 …", then one line per plugin
   * with the same nodes in the same order, every plugin's part for every node.
   */
  private void logScores(V1Pod pod, PluginScores scores, List<NodeScore> totals) {
    List<String> ranked = totals.stream()
        .sorted(Comparator.comparingLong(NodeScore::score).reversed().thenComparing(NodeScore::name))
        .map(NodeScore::name).toList();
    log.debug("{} scores, best first: {}", Pods.key(pod), format(ranked, byName(totals)));
    scores.byPlugin().forEach((plugin, nodeScores) -> log.debug("{}   {} (weight {}): {}",
        Pods.key(pod), plugin, framework.weight(plugin), format(ranked, byName(nodeScores))));
  }

  private static Map<String, Long> byName(List<NodeScore> scores) {
    return scores.stream().collect(Collectors.toMap(NodeScore::name, NodeScore::score));
  }

  /** The nodes in the given order with their scores, at most {@link #NODES_SHOWN}: a line to read, not a dump. */
  private static String format(List<String> order, Map<String, Long> scores) {
    String shown = order.stream().limit(NODES_SHOWN).map(node -> node + "=" + scores.get(node))
        .collect(Collectors.joining(" "));
    return order.size() <= NODES_SHOWN ? shown : shown + " … (" + (order.size() - NODES_SHOWN) + " more)";
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

  /** Stops the loop, then the informers, the event recorder and the framework's workers, and waits for the loop. */
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
    framework.close();
  }
}
