package dev.minisched;

import dev.minisched.framework.QueuedPodInfo;
import dev.minisched.scenarios.results.SimulatorAnnotations;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pods waiting to be scheduled, and the pods waiting to be tried again. Upstream's
 * {@code PriorityQueue} in pkg/scheduler/internal/queue/scheduling_queue.go, with its three
 * sub-queues:
 * <ul>
 *   <li><b>activeQ</b>: pods ready for a scheduling cycle; {@link #pop} takes the first. It is a
 *       heap ordered by the framework's QueueSort plugin (PrioritySort: higher priority first,
 *       then the earlier {@link QueuedPodInfo#timestamp}), as upstream; pods that plugin cannot
 *       tell apart keep the order in which they entered activeQ.
 *   <li><b>backoffQ</b>: pods that failed and must wait before the next try, ordered by when
 *       their wait ends. The wait doubles with every attempt: 1 s, 2 s, 4 s, 8 s, then 10 s
 *       (upstream's podInitialBackoffDuration and podMaxBackoffDuration).
 *   <li><b>unschedulablePods</b>: pods that no node could take. They wait until something may
 *       have changed. Stage 6 knows of nothing that changes, so it only retries a pod once it has
 *       been here longer than the unschedulable timeout (upstream: 5 min, checked every 30 s;
 *       minisched: {@link #DEFAULT_UNSCHEDULABLE_TIMEOUT}, checked every
 *       {@link #LEFTOVER_FLUSH_INTERVAL}, short enough to watch). Stage 7 adds cluster events.
 * </ul>
 * A popped pod is <em>in flight</em> until the scheduler reports how its cycle ended:
 * {@link #done} after binding, {@link #addUnschedulableIfNotPresent} after a failure.
 *
 * <p>Threads: informer threads call {@link #add}, {@link #update} and {@link #delete}; the
 * scheduling loop calls {@link #pop}; whichever thread ends a cycle calls {@link #done} or
 * {@link #addUnschedulableIfNotPresent}; the thread "minisched-queue-flush" started by
 * {@link #run} moves pods between sub-queues. All state is guarded by {@code this}, whose monitor
 * also wakes a waiting {@link #pop}, so popping from an empty activeQ blocks instead of spinning.
 */
final class SchedulingQueue {
  private static final Logger log = LoggerFactory.getLogger(SchedulingQueue.class);

  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  static final Duration BACKOFF_FLUSH_INTERVAL = Duration.ofSeconds(1);
  static final Duration LEFTOVER_FLUSH_INTERVAL = Duration.ofSeconds(5);
  static final Duration DEFAULT_UNSCHEDULABLE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * A popped pod: its latest version, the scheduling cycle it was popped in, and whether it was
   * updated meanwhile in a way that may make it schedulable.
   */
  private record InFlightPod(V1Pod pod, long cycle, boolean updatedToMaybeFit) {}

  /**
   * A pod in activeQ and the number of its arrival there, which breaks ties of the QueueSort
   * order: a heap alone does not keep equal pods first in, first out.
   */
  private record Active(QueuedPodInfo podInfo, long arrival) {}

  private final Clock clock;
  private final Duration unschedulableTimeout;
  private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "minisched-queue-flush");
    thread.setDaemon(true);
    return thread;
  });

  // Guarded by this.
  private final PriorityQueue<Active> activeQ;
  /** Counts arrivals in activeQ. */
  private long arrivals;
  private final List<QueuedPodInfo> backoffQ = new ArrayList<>();
  private final Map<String, QueuedPodInfo> unschedulablePods = new LinkedHashMap<>();
  /**
   * Keyed by pod UID, as upstream's inFlightPods, not by name: a pod deleted and re-created
   * under the same name is another pod, and the end of the old one's cycle must not end the
   * new one's.
   */
  private final Map<String, InFlightPod> inFlight = new LinkedHashMap<>();
  /** Counts pops; upstream's schedulingCycle. */
  private long schedulingCycle;
  /** The cycle of the last request to move pods out of unschedulablePods; upstream's moveRequestCycle. */
  private long moveRequestCycle = -1;
  private boolean closed;

  /** @param queueSort the order of activeQ: the framework's {@code queueSortFunc} */
  SchedulingQueue(Comparator<QueuedPodInfo> queueSort) {
    this(queueSort, Clock.systemUTC(), DEFAULT_UNSCHEDULABLE_TIMEOUT);
  }

  /**
   * @param queueSort the order of activeQ: the framework's {@code queueSortFunc}
   * @param clock the time the queue goes by; tests pass one they move by hand
   * @param unschedulableTimeout how long a pod stays in unschedulablePods before it is retried
   *     anyway
   */
  SchedulingQueue(Comparator<QueuedPodInfo> queueSort, Clock clock, Duration unschedulableTimeout) {
    this.clock = clock;
    this.unschedulableTimeout = unschedulableTimeout;
    this.activeQ = new PriorityQueue<>(Comparator.comparing(Active::podInfo, queueSort)
        .thenComparingLong(Active::arrival));
  }

  /** Starts the periodic flushes on the flush thread. Upstream: {@code PriorityQueue.Run}. */
  void run() {
    flusher.scheduleWithFixedDelay(this::flushBackoffQCompleted,
        BACKOFF_FLUSH_INTERVAL.toMillis(), BACKOFF_FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    flusher.scheduleWithFixedDelay(this::flushUnschedulablePodsLeftover,
        LEFTOVER_FLUSH_INTERVAL.toMillis(), LEFTOVER_FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Adds a pod that needs a node to activeQ, unless the queue already holds or schedules it. */
  synchronized void add(V1Pod pod) {
    if (!inFlight.containsKey(uid(pod)) && get(Pods.key(pod)).isEmpty()) {
      addToActiveQ(QueuedPodInfo.of(Pods.key(pod), pod, clock.instant()));
    }
  }

  /**
   * Takes a newer version of a pod. In activeQ or backoffQ it is replaced in place. In
   * unschedulablePods, a change to what the plugins look at (spec, labels, annotations) may make
   * it schedulable, so, as upstream, it moves to backoffQ or activeQ; any other change (status,
   * resourceVersion) leaves it parked. An in-flight pod is not queued again, which would schedule
   * it twice; the queue keeps its new version in case the cycle fails and it comes back, and
   * remembers whether the change may make it schedulable, so that a failure of the cycle
   * (which saw the old version) does not park it.
   *
   * <p>A pod in none of these is ignored: every pending pod enters through {@link #add}, so it was
   * bound or deleted. (Upstream adds it to activeQ.)
   */
  synchronized void update(V1Pod oldPod, V1Pod newPod) {
    String key = Pods.key(newPod);
    inFlight.computeIfPresent(uid(newPod), (uid, flight) -> new InFlightPod(newPod, flight.cycle(),
        flight.updatedToMaybeFit() || mayHaveBecomeSchedulable(oldPod, newPod)));
    replaceInActiveQ(newPod);
    replaceIn(backoffQ, newPod);
    QueuedPodInfo parked = unschedulablePods.get(key);
    if (parked == null) {
      return;
    }
    if (mayHaveBecomeSchedulable(oldPod, newPod)) {
      unschedulablePods.remove(key);
      moveToActiveOrBackoffQ(parked.withPod(newPod), "PodUpdate");
    } else {
      unschedulablePods.put(key, parked.withPod(newPod));
    }
  }

  /**
   * Forgets a pod that was deleted or got a node some other way, wherever it is. If it is in
   * flight, its failure will not bring it back.
   */
  synchronized void delete(V1Pod pod) {
    String key = Pods.key(pod);
    activeQ.removeIf(active -> active.podInfo().key().equals(key));
    backoffQ.removeIf(p -> p.key().equals(key));
    unschedulablePods.remove(key);
    inFlight.remove(uid(pod));
  }

  /**
   * Takes the first pod of activeQ for a scheduling cycle, waiting for one if activeQ is empty.
   * The pod counts one more attempt and is in flight until {@link #done} or
   * {@link #addUnschedulableIfNotPresent}.
   *
   * @throws InterruptedException when the scheduler stops ({@link #close}) or the thread is
   *     interrupted
   */
  synchronized QueuedPodInfo pop() throws InterruptedException {
    while (activeQ.isEmpty() && !closed) {
      wait();
    }
    if (closed) {
      throw new InterruptedException("the scheduling queue is closed");
    }
    QueuedPodInfo podInfo = activeQ.poll().podInfo().popped();
    schedulingCycle++;
    inFlight.put(uid(podInfo.pod()), new InFlightPod(podInfo.pod(), schedulingCycle, false));
    return podInfo;
  }

  /** The pod's cycle ended well (it is bound): it is no longer in flight. Upstream: {@code Done}. */
  synchronized void done(V1Pod pod) {
    inFlight.remove(uid(pod));
  }

  /**
   * Takes back a popped pod whose cycle failed, to be tried again later. Where it goes:
   * <ul>
   *   <li>rejected by plugins ({@code unschedulablePlugins} not empty): to unschedulablePods, to
   *       wait for a change in the cluster;
   *   <li>an error, no plugin to blame: to backoffQ, as upstream, since nothing would ever move
   *       it out of unschedulablePods (an API server hiccup passes by itself);
   *   <li>rejected, but pods were moved out of unschedulablePods while this one was in flight:
   *       to backoffQ (upstream's moveRequestCycle). Whatever prompted that move might have
   *       helped this pod too, but this pod was not there to be moved.
   *   <li>rejected, but the pod itself was updated while in flight in a way that may make it
   *       fit: to backoffQ. Its cycle judged the old version, and the update that may help has
   *       come and gone: parked, it would wait for an unrelated event. (Upstream queues it on
   *       its own update event.)
   * </ul>
   * A pod deleted while in flight is not taken back. The name is upstream's; here the pod cannot
   * be present already, since {@link #add} and {@link #update} leave in-flight pods alone.
   *
   * @param podInfo what {@link #pop} returned
   * @param unschedulablePlugins the plugins that rejected the pod (the Diagnosis's); empty for errors
   * @return where the pod went and why, for the attempt's record
   */
  synchronized String addUnschedulableIfNotPresent(QueuedPodInfo podInfo, Set<String> unschedulablePlugins) {
    InFlightPod flight = inFlight.remove(uid(podInfo.pod()));
    if (flight == null) {
      log.info("{} was deleted while being scheduled; not retrying it", podInfo.key());
      return "deleted while being scheduled: not retried";
    }
    QueuedPodInfo failed = podInfo.withPod(flight.pod()).failed(clock.instant(), unschedulablePlugins);
    if (unschedulablePlugins.isEmpty() || moveRequestCycle >= flight.cycle() || flight.updatedToMaybeFit()) {
      addToBackoffQ(failed);
      log.debug("{} goes to backoffQ for {} s (attempt {})", // at INFO the scheduler's failure line says it
          failed.key(), backoffDuration(failed.attempts()).toSeconds(), failed.attempts());
      return "backoffQ for " + backoffDuration(failed.attempts()).toSeconds() + " s (attempt " + failed.attempts() + ", "
          + (unschedulablePlugins.isEmpty() ? "an error" : flight.updatedToMaybeFit() ? "the pod was updated meanwhile"
          : "pods were moved meanwhile") + ")";
    }
    unschedulablePods.put(failed.key(), failed);
    log.debug("{} goes to unschedulablePods (attempt {}, rejected by {})", // as above
        failed.key(), failed.attempts(), unschedulablePlugins);
    return "unschedulablePods until a change may help (attempt " + failed.attempts() + ", rejected by "
        + String.join(", ", unschedulablePlugins) + ")";
  }

  /**
   * Moves the pods whose backoff has ended from backoffQ to activeQ. Runs every
   * {@link #BACKOFF_FLUSH_INTERVAL} on the flush thread. Upstream: {@code flushBackoffQCompleted}.
   */
  synchronized void flushBackoffQCompleted() {
    Instant now = clock.instant();
    while (!backoffQ.isEmpty() && !backoffExpiry(backoffQ.get(0)).isAfter(now)) {
      addToActiveQ(backoffQ.remove(0));
    }
  }

  /**
   * Retries the pods that stayed in unschedulablePods longer than the unschedulable timeout: a
   * safety net for changes nothing told the queue about. Runs every
   * {@link #LEFTOVER_FLUSH_INTERVAL} on the flush thread. Upstream:
   * {@code flushUnschedulablePodsLeftover}.
   */
  synchronized void flushUnschedulablePodsLeftover() {
    Instant now = clock.instant();
    List<QueuedPodInfo> leftover = unschedulablePods.values().stream()
        .filter(p -> Duration.between(p.timestamp(), now).compareTo(unschedulableTimeout) > 0)
        .toList();
    if (!leftover.isEmpty()) {
      movePodsToActiveOrBackoffQueue(leftover, "UnschedulableTimeout");
    }
  }

  /** Backoff for a pod that failed its {@code attempts}-th attempt: 1 s doubled per attempt, at most 10 s. */
  static Duration backoffDuration(int attempts) {
    Duration backoff = INITIAL_BACKOFF;
    for (int i = 1; i < attempts; i++) {
      backoff = backoff.multipliedBy(2);
      if (backoff.compareTo(MAX_BACKOFF) >= 0) {
        return MAX_BACKOFF;
      }
    }
    return backoff;
  }

  /** Where the pod is: "activeQ", "backoffQ", "unschedulablePods", "in flight", or null. */
  synchronized String whereIs(String key) {
    if (inFlight.values().stream().anyMatch(flight -> Pods.key(flight.pod()).equals(key))) {
      return "in flight";
    } else if (findInActiveQ(key).isPresent()) {
      return "activeQ";
    } else if (find(backoffQ, key).isPresent()) {
      return "backoffQ";
    } else if (unschedulablePods.containsKey(key)) {
      return "unschedulablePods";
    }
    return null;
  }

  /** The queue's entry for a waiting pod (not an in-flight one). */
  synchronized Optional<QueuedPodInfo> get(String key) {
    return findInActiveQ(key).or(() -> find(backoffQ, key))
        .or(() -> Optional.ofNullable(unschedulablePods.get(key)));
  }

  /** Pods waiting in any sub-queue; in-flight pods do not count. */
  synchronized int size() {
    return activeQ.size() + backoffQ.size() + unschedulablePods.size();
  }

  /** Stops the flushes and wakes a waiting {@link #pop}, which then throws; used at shutdown. */
  void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    flusher.shutdownNow();
    try {
      flusher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Moves pods out of unschedulablePods because of {@code event}, and notes the cycle it happened in. */
  private void movePodsToActiveOrBackoffQueue(List<QueuedPodInfo> pods, String event) {
    for (QueuedPodInfo podInfo : pods) {
      unschedulablePods.remove(podInfo.key());
      moveToActiveOrBackoffQ(podInfo, event);
    }
    moveRequestCycle = schedulingCycle;
  }

  /** A pod still backing off waits out the rest in backoffQ; any other goes straight to activeQ. */
  private void moveToActiveOrBackoffQ(QueuedPodInfo podInfo, String event) {
    boolean backingOff = backoffExpiry(podInfo).isAfter(clock.instant());
    if (backingOff) {
      addToBackoffQ(podInfo);
    } else {
      addToActiveQ(podInfo);
    }
    log.info("{} moves from unschedulablePods to {} on {}",
        podInfo.key(), backingOff ? "backoffQ" : "activeQ", event);
  }

  private Instant backoffExpiry(QueuedPodInfo podInfo) {
    return podInfo.timestamp().plus(backoffDuration(podInfo.attempts()));
  }

  private void addToActiveQ(QueuedPodInfo podInfo) {
    activeQ.add(new Active(podInfo, arrivals++));
    notifyAll();
  }

  private void addToBackoffQ(QueuedPodInfo podInfo) {
    insertInOrder(backoffQ, podInfo, Comparator.comparing(this::backoffExpiry));
  }

  /**
   * Inserts after every entry that does not sort after it, so equal entries keep arrival order.
   * Upstream keeps backoffQ in a heap too; a list is enough for minisched's few backing-off pods.
   */
  private static void insertInOrder(
      List<QueuedPodInfo> queue, QueuedPodInfo podInfo, Comparator<QueuedPodInfo> order) {
    int i = queue.size();
    while (i > 0 && order.compare(queue.get(i - 1), podInfo) > 0) {
      i--;
    }
    queue.add(i, podInfo);
  }

  /**
   * Replaces the pod's entry in activeQ, if there is one, keeping its arrival: an update changes
   * neither the pod's priority (immutable once created) nor its timestamp, so not its place.
   */
  private void replaceInActiveQ(V1Pod newer) {
    findActive(Pods.key(newer)).ifPresent(active -> {
      activeQ.remove(active);
      activeQ.add(new Active(active.podInfo().withPod(newer), active.arrival()));
    });
  }

  /** Replaces the pod's entry in {@code queue}, if there is one, keeping its place. */
  private static void replaceIn(List<QueuedPodInfo> queue, V1Pod newer) {
    String key = Pods.key(newer);
    queue.replaceAll(p -> p.key().equals(key) ? p.withPod(newer) : p);
  }

  private static String uid(V1Pod pod) {
    return pod.getMetadata().getUid();
  }

  private Optional<Active> findActive(String key) {
    return activeQ.stream().filter(active -> active.podInfo().key().equals(key)).findFirst();
  }

  private Optional<QueuedPodInfo> findInActiveQ(String key) {
    return findActive(key).map(Active::podInfo);
  }

  private static Optional<QueuedPodInfo> find(List<QueuedPodInfo> queue, String key) {
    return queue.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  /**
   * Upstream's isPodUpdated: the pod changed in a way that plugins may see differently. A change
   * of only status or bookkeeping (resourceVersion, managedFields) cannot make it fit anywhere;
   * nor can the scheduler's own record of its attempts ({@link SimulatorAnnotations}), which
   * would otherwise bring every rejected pod straight back after each attempt.
   */
  private static boolean mayHaveBecomeSchedulable(V1Pod oldPod, V1Pod newPod) {
    return !Objects.equals(oldPod.getSpec(), newPod.getSpec())
        || !Objects.equals(oldPod.getMetadata().getLabels(), newPod.getMetadata().getLabels())
        || !SimulatorAnnotations.withoutResults(oldPod.getMetadata().getAnnotations())
            .equals(SimulatorAnnotations.withoutResults(newPod.getMetadata().getAnnotations()));
  }
}
