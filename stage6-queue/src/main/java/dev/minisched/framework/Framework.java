package dev.minisched.framework;

import dev.minisched.scenarios.config.ExtensionPoint;
import dev.minisched.scenarios.config.Profile;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Runs the plugins at each extension point, in the order they were configured. Upstream:
 * {@code frameworkImpl} in pkg/scheduler/framework/runtime/framework.go, which a scheduling
 * profile builds from its plugin configuration: a registry's plugins, each at the extension
 * points the profile enables it at, in the profile's order.
 *
 * <p>Threads: the plugin lists are fixed at construction. The scheduling thread runs the
 * extension points up to Permit, and runs the filter and score plugins on the workers of its
 * {@link Parallelizer}, for many nodes at once; binding cycles wait on permit; plugins, informer handlers and
 * the timer thread "minisched-permit-timers" allow and reject waiting pods. The waiting pods
 * live in a concurrent map, keyed by pod UID as upstream's waitingPodsMap.
 */
public final class Framework implements Handle, AutoCloseable {
  /** Upstream's maxTimeout: no plugin may hold a pod longer. */
  static final Duration MAX_PERMIT_TIMEOUT = Duration.ofMinutes(15);

  private final List<QueueSortPlugin> queueSortPlugins;
  private final List<FilterPlugin> filterPlugins;
  private final List<PreScorePlugin> preScorePlugins;
  private final List<ScorePlugin> scorePlugins;
  private final List<ReservePlugin> reservePlugins;
  private final List<PermitPlugin> permitPlugins;
  private final Map<String, Integer> weights;
  private final Parallelizer parallelizer;
  private final Map<String, WaitingPod> waitingPods = new ConcurrentHashMap<>();
  private final ScheduledExecutorService permitTimers = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "minisched-permit-timers");
    thread.setDaemon(true);
    return thread;
  });

  /** With upstream's default parallelism, {@value Parallelizer#DEFAULT_PARALLELISM} workers. */
  public Framework(List<PluginFactory> factories, Map<String, Integer> weights) {
    this(factories, weights, Parallelizer.DEFAULT_PARALLELISM);
  }

  /**
   * Creates the plugins, handing each this framework as its {@link Handle} (they may use it only
   * once scheduling runs, not while being created), and sorts them into the extension points
   * they implement, keeping the given order. A score plugin's weight multiplies its normalized
   * scores; upstream's default weight is 1. {@code parallelism} is how many workers filter and
   * score nodes at once (upstream's {@code parallelism} setting).
   */
  public Framework(List<PluginFactory> factories, Map<String, Integer> weights, int parallelism) {
    List<Plugin> plugins = factories.stream().map(factory -> factory.create(this)).toList();
    this.queueSortPlugins = plugins.stream()
        .filter(QueueSortPlugin.class::isInstance).map(QueueSortPlugin.class::cast).toList();
    if (queueSortPlugins.size() > 1) {
      throw new IllegalArgumentException("only one QueueSort plugin may be enabled, not "
          + queueSortPlugins.stream().map(Plugin::name).toList());
    }
    this.filterPlugins = plugins.stream()
        .filter(FilterPlugin.class::isInstance).map(FilterPlugin.class::cast).toList();
    this.preScorePlugins = plugins.stream()
        .filter(PreScorePlugin.class::isInstance).map(PreScorePlugin.class::cast).toList();
    this.scorePlugins = plugins.stream()
        .filter(ScorePlugin.class::isInstance).map(ScorePlugin.class::cast).toList();
    this.reservePlugins = plugins.stream()
        .filter(ReservePlugin.class::isInstance).map(ReservePlugin.class::cast).toList();
    this.permitPlugins = plugins.stream()
        .filter(PermitPlugin.class::isInstance).map(PermitPlugin.class::cast).toList();
    this.weights = Map.copyOf(weights);
    this.parallelizer = new Parallelizer(parallelism);
  }

  /** The workers that filter and score nodes in parallel. Upstream: {@code Handle.Parallelizer}. */
  public Parallelizer parallelizer() {
    return parallelizer;
  }

  /**
   * The plugins of a profile, each created once and handed this framework as its {@link Handle}:
   * each extension point runs the plugins the profile enables there, in its order, each score
   * plugin has the profile's weight, and the profile's {@code parallelism} workers filter and
   * score. Upstream's NewFramework(registry, profile).
   *
   * @param factories the profile's plugins by name, from the registry with their args
   */
  public Framework(Map<String, PluginFactory> factories, Profile profile) {
    Map<String, Plugin> plugins = new LinkedHashMap<>();
    factories.forEach((name, factory) -> plugins.put(name, factory.create(this)));
    this.queueSortPlugins = at(ExtensionPoint.QUEUE_SORT, profile, plugins, QueueSortPlugin.class);
    this.filterPlugins = at(ExtensionPoint.FILTER, profile, plugins, FilterPlugin.class);
    this.preScorePlugins = at(ExtensionPoint.PRE_SCORE, profile, plugins, PreScorePlugin.class);
    this.scorePlugins = at(ExtensionPoint.SCORE, profile, plugins, ScorePlugin.class);
    this.reservePlugins = at(ExtensionPoint.RESERVE, profile, plugins, ReservePlugin.class);
    this.permitPlugins = at(ExtensionPoint.PERMIT, profile, plugins, PermitPlugin.class);
    this.weights = profile.weights();
    this.parallelizer = new Parallelizer(profile.parallelism());
  }

  private static <T> List<T> at(ExtensionPoint point, Profile profile, Map<String, Plugin> plugins, Class<T> type) {
    return profile.enabled(point).stream().map(plugins::get).map(type::cast).toList();
  }

  /**
   * The order of the scheduling queue's activeQ: the QueueSort plugin's {@code less} as a
   * comparator (0 for pods it cannot tell apart). Upstream: {@code QueueSortFunc}, which the
   * queue is built with.
   *
   * @throws IllegalStateException if no QueueSort plugin is enabled (upstream refuses such a
   *     profile too)
   */
  public Comparator<QueuedPodInfo> queueSortFunc() {
    if (queueSortPlugins.isEmpty()) {
      throw new IllegalStateException("no QueueSort plugin is enabled; the queue needs one to order pods");
    }
    QueueSortPlugin plugin = queueSortPlugins.get(0);
    return (a, b) -> plugin.less(a, b) ? -1 : plugin.less(b, a) ? 1 : 0;
  }

  public int weight(String plugin) {
    return weights.getOrDefault(plugin, 1);
  }

  /**
   * Runs every filter plugin on one node, stopping at the first that does not succeed: one
   * reason is enough to rule a node out, and the others are not worth their time. Called for
   * many nodes at once, from the parallelizer's workers; the loop below is the one place where a
   * node's filter status is decided.
   *
   * @return {@link Status#SUCCESS}, or the first other status, signed with its plugin's name
   */
  public Status runFilterPlugins(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    for (FilterPlugin plugin : filterPlugins) {
      Status status = plugin.filter(state, pod, nodeInfo);
      state.result().filter(nodeInfo.name(), plugin.name(), status);
      if (!status.isSuccess()) {
        return status.withPlugin(plugin.name());
      }
    }
    return Status.SUCCESS;
  }

  /**
   * The pre-score phase: every PreScore plugin once, with all feasible nodes. A plugin that
   * returns Skip is remembered in the cycle state, and its Score is left out.
   *
   * @return success, or the first status that is neither success nor skip, signed
   */
  public Status runPreScorePlugins(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
    for (PreScorePlugin plugin : preScorePlugins) {
      Status status = plugin.preScore(state, pod, nodes);
      state.result().preScore(plugin.name(), status);
      if (status.code() == Code.SKIP) {
        state.skipScore(plugin.name());
      } else if (!status.isSuccess()) {
        return status.withPlugin(plugin.name());
      }
    }
    return Status.SUCCESS;
  }

  /**
   * The score phase: each score plugin (but those PreScore told to skip) scores every feasible node, then normalizes its scores
   * into 0..100, then they are multiplied by its weight. As upstream's RunScorePlugins: the nodes
   * are scored in parallel (each worker runs every plugin on its nodes), then each plugin
   * normalizes its own scores, the plugins in parallel. Every result has a slot of its own, and
   * failures are looked at afterwards in plugin order, then node order, so the outcome is the one
   * of a run one node after the other.
   *
   * @return per plugin, its scores in the order of {@code nodes}; or the first failure, signed
   */
  public PluginScores runScorePlugins(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
    List<ScorePlugin> plugins = new ArrayList<>(scorePlugins.size());
    for (ScorePlugin plugin : scorePlugins) {
      if (!state.isScoreSkipped(plugin.name())) {
        plugins.add(plugin);
      }
    }
    ScoreResult[][] results = new ScoreResult[plugins.size()][nodes.size()];
    parallelizer.until(nodes.size(), i -> {
      for (int p = 0; p < plugins.size(); p++) {
        results[p][i] = plugins.get(p).score(state, pod, nodes.get(i)); // a plugin's raw score for one node
      }
    });
    List<List<NodeScore>> scores = new ArrayList<>(plugins.size());
    for (int p = 0; p < plugins.size(); p++) {
      List<NodeScore> pluginScores = new ArrayList<>(nodes.size());
      for (int i = 0; i < nodes.size(); i++) {
        ScoreResult result = results[p][i];
        if (!result.status().isSuccess()) {
          return PluginScores.failed(scoreError("running Score plugins", plugins.get(p).name(), result.status()));
        }
        pluginScores.add(new NodeScore(nodes.get(i).name(), result.score()));
        state.result().score(nodes.get(i).name(), plugins.get(p).name(), result.score());
      }
      scores.add(pluginScores);
    }
    Status[] normalized = new Status[plugins.size()];
    parallelizer.until(plugins.size(), p -> normalized[p] = plugins.get(p).scoreExtensions()
        .map(extensions -> extensions.normalizeScore(state, pod, scores.get(p)))
        .orElse(Status.SUCCESS));
    Map<String, List<NodeScore>> byPlugin = new LinkedHashMap<>();
    for (int p = 0; p < plugins.size(); p++) {
      ScorePlugin plugin = plugins.get(p);
      if (!normalized[p].isSuccess()) {
        return PluginScores.failed(scoreError("running Normalize on Score plugins", plugin.name(), normalized[p]));
      }
      List<NodeScore> pluginScores = scores.get(p);
      int weight = weight(plugin.name());
      for (int i = 0; i < pluginScores.size(); i++) {
        NodeScore score = pluginScores.get(i);
        if (score.score() < ScorePlugin.MIN_NODE_SCORE || score.score() > ScorePlugin.MAX_NODE_SCORE) {
          // Upstream's wording, its grammar too (RunScorePlugins): a score plugin must normalize.
          return PluginScores.failed(Status.error("applying score defaultWeights on Score plugins: plugin \""
              + plugin.name() + "\" returns an invalid score " + score.score() + ", it should in the range of ["
              + ScorePlugin.MIN_NODE_SCORE + ", " + ScorePlugin.MAX_NODE_SCORE + "] after normalizing")
              .withPlugin(plugin.name()));
        }
        pluginScores.set(i, score.withScore(score.score() * weight));
      }
      pluginScores.forEach(s -> state.result().finalScore(s.name(), plugin.name(), s.score()));
      byPlugin.put(plugin.name(), Collections.unmodifiableList(pluginScores));
    }
    return new PluginScores(byPlugin, Status.SUCCESS);
  }

  /**
   * A failed step of the score phase, worded as upstream's RunScorePlugins wraps it ("running
   * Score plugins: plugin "X" failed with: ..."): an error, whatever the plugin's code was.
   */
  private static Status scoreError(String step, String plugin, Status status) {
    return Status.error(step + ": plugin \"" + plugin + "\" failed with: " + status.message()).withPlugin(plugin);
  }

  /**
   * The reserve phase, right after the pod was assumed on its node: every reserve plugin in order,
   * stopping at the first that does not succeed. The caller then runs
   * {@link #runReservePluginsUnreserve}, which undoes what the earlier ones reserved.
   *
   * @return success, or the first other status, signed with its plugin's name
   */
  public Status runReservePluginsReserve(CycleState state, V1Pod pod, String nodeName) {
    for (ReservePlugin plugin : reservePlugins) {
      Status status = plugin.reserve(state, pod, nodeName);
      state.result().reserve(plugin.name(), status);
      if (!status.isSuccess()) {
        return status.withPlugin(plugin.name());
      }
    }
    return Status.SUCCESS;
  }

  /**
   * The pod will not be bound to this node after all: every reserve plugin gives back what it
   * reserved, in the reverse order, as a stack unwinds — a later plugin may have built on what an
   * earlier one reserved. Upstream's RunReservePluginsUnreserve.
   */
  public void runReservePluginsUnreserve(CycleState state, V1Pod pod, String nodeName) {
    for (int i = reservePlugins.size() - 1; i >= 0; i--) {
      reservePlugins.get(i).unreserve(state, pod, nodeName);
    }
  }

  /**
   * The permit phase, at the end of the scheduling cycle: every permit plugin in order. A reject
   * or error ends it at once. If any plugin said Wait, the pod becomes a {@link WaitingPod} with
   * one timer per waiting plugin, and the result is Wait: the binding cycle must
   * {@link #waitOnPermit} before it binds.
   *
   * @return success, wait, or the rejecting status signed with its plugin's name
   */
  public Status runPermitPlugins(CycleState state, V1Pod pod, String nodeName) {
    Map<String, Duration> waitFor = new LinkedHashMap<>();
    for (PermitPlugin plugin : permitPlugins) {
      PermitResult result = plugin.permit(state, pod, nodeName);
      state.result().permit(plugin.name(), result.status(), result.timeout());
      if (result.status().code() == Code.WAIT) {
        Duration timeout = result.timeout();
        waitFor.put(plugin.name(), timeout.compareTo(MAX_PERMIT_TIMEOUT) > 0 ? MAX_PERMIT_TIMEOUT : timeout);
      } else if (!result.status().isSuccess()) {
        return result.status().withPlugin(plugin.name());
      }
    }
    if (waitFor.isEmpty()) {
      return Status.SUCCESS;
    }
    waitingPods.put(pod.getMetadata().getUid(), new WaitingPod(pod, nodeName, waitFor, permitTimers));
    return new Status(Code.WAIT, List.of("waiting for " + String.join(", ", waitFor.keySet())), null);
  }

  /**
   * The pod's permit decision: success once its waiting plugins have all allowed it, unschedulable
   * once one rejected it or a timeout ran out; complete already for a pod that was not held. It
   * completes on the thread that decided, and the pod is no longer waiting by then. Upstream's
   * WaitOnPermit blocks the binding goroutine until then; a blocked platform thread per held pod
   * would cost far more than a goroutine, so here the binding cycle goes on when this completes.
   */
  public CompletableFuture<Status> waitOnPermit(V1Pod pod) {
    String uid = pod.getMetadata().getUid();
    WaitingPod waiting = waitingPods.get(uid);
    if (waiting == null) {
      return CompletableFuture.completedFuture(Status.SUCCESS);
    }
    return waiting.decision().whenComplete((status, failure) -> waitingPods.remove(uid, waiting));
  }

  @Override
  public Optional<WaitingPod> getWaitingPod(String podUid) {
    return Optional.ofNullable(waitingPods.get(podUid));
  }

  @Override
  public void iterateOverWaitingPods(Consumer<WaitingPod> action) {
    waitingPods.values().forEach(action);
  }

  @Override
  public boolean rejectWaitingPod(String podUid, String reason) {
    WaitingPod waiting = waitingPods.get(podUid);
    return waiting != null && waiting.reject(null, reason);
  }

  /**
   * Rejects every waiting pod, so no binding cycle waits for ever, and stops the timers and the
   * parallelizer's threads.
   */
  @Override
  public void close() {
    iterateOverWaitingPods(waiting -> waiting.reject(null, "the scheduler is stopping"));
    permitTimers.shutdownNow();
    parallelizer.close();
  }
}
