package dev.minisched.scenarios;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.CoreV1EventList;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Watches the scenario's namespace the way a person with {@code kubectl get pods -w} would: it
 * notes when each pod was created (by the harness) and when it was first seen bound, and
 * collects the scheduler's events. It knows nothing about the scheduler under test.
 *
 * <p>A name is not a pod: a pod deleted and created again under the same name is another object,
 * with another uid, as {@code kubectl describe} tells them apart. Bindings and Events are matched
 * to the uid the name has now ({@code involvedObject.uid}), so the old pod's FailedScheduling
 * events and binding never count for the new one.
 *
 * <p>Threads: the informer threads call the handlers; the scenario thread creates pods and
 * waits. All mutable state is guarded by {@code this}, whose monitor also wakes waiters.
 */
final class PodTracker implements AutoCloseable {
  private final SharedInformerFactory informers;
  private final WatchFailures watchFailures = new WatchFailures();
  private final SharedIndexInformer<V1Pod> podInformer;
  private final SharedIndexInformer<CoreV1Event> eventInformer;

  // Guarded by this. Insertion order is creation order, which the report keeps.
  private final Map<String, Instant> created = new LinkedHashMap<>();
  /** The uid of the pod each name stands for now; absent until the API server has answered. */
  private final Map<String, String> uids = new LinkedHashMap<>();
  /** By pod uid: where and when the watch first saw it bound. */
  private final Map<String, Binding> bindings = new LinkedHashMap<>();
  private final Map<String, Boolean> deleted = new LinkedHashMap<>();

  private record Binding(String node, Instant seen) {}

  PodTracker(ApiClient client, String namespace) {
    this.informers = new SharedInformerFactory(client);
    this.podInformer = PodWatch.register(informers, client, namespace, watchFailures, this::observe, this::changed);
    this.eventInformer = informers.sharedIndexInformerFor(
        new GenericKubernetesApi<>(
            CoreV1Event.class, CoreV1EventList.class, "", "v1", "events", client),
        CoreV1Event.class, 0, namespace, watchFailures::failed);
    eventInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(CoreV1Event event) {
        changed();
      }

      @Override
      public void onUpdate(CoreV1Event oldEvent, CoreV1Event newEvent) {
        changed();
      }

      @Override
      public void onDelete(CoreV1Event event, boolean deletedFinalStateUnknown) {
        changed();
      }
    });
  }

  void start(Duration timeout) {
    informers.startAllRegisteredInformers();
    if (!awaitCondition(() -> podInformer.hasSynced() && eventInformer.hasSynced(), timeout)) {
      throw new IllegalStateException("the harness's own pod and event watches did not sync within "
          + timeout.toSeconds() + " s");
    }
  }

  synchronized void creating(String pod) {
    created.put(pod, Instant.now());
    deleted.remove(pod);
    uids.remove(pod);
  }

  /** The API server created the pod: from now on its name stands for this uid. */
  synchronized void created(V1Pod pod) {
    uids.put(pod.getMetadata().getName(), pod.getMetadata().getUid());
    notifyAll();
  }

  synchronized void deleting(String pod) {
    deleted.put(pod, true);
  }

  /** Keyed by uid: the watch may show the new pod before its creation call returns. */
  private synchronized void observe(V1Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (node != null && !node.isEmpty()) {
      bindings.putIfAbsent(pod.getMetadata().getUid(), new Binding(node, Instant.now()));
    }
    notifyAll();
  }

  private synchronized void changed() {
    notifyAll();
  }

  /** Waits until the condition holds, re-checking on every pod or event change. */
  synchronized boolean awaitCondition(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        // Also re-check now and then: a condition may depend on time alone.
        wait(Math.max(1, Math.min(left / 1_000_000, 100)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /**
   * The node the pod was bound to, as the watch's handler recorded it. Read from the same record
   * as {@link #outcomes}, not from the informer's cache: the cache is updated a moment before the
   * handler runs, and a wait that ended on the cache could report a pod the outcomes still show
   * pending. A pod is bound at most once ({@code spec.nodeName} never changes once set).
   */
  synchronized Optional<String> nodeOf(String pod) {
    return binding(pod).map(Binding::node);
  }

  private synchronized Optional<Binding> binding(String pod) {
    return Optional.ofNullable(uids.get(pod)).map(bindings::get);
  }

  /**
   * True once every pod seen bound, except those in {@code boundByOthers}, has its Scheduled
   * event. A scheduler logs "bound to" and then writes that event, so by then its log line is out:
   * a mark printed after this comes after the lines it describes. (The watch shows a binding
   * before the scheduler has read the reply to its binding call, so without this "all pods bound"
   * could come before the scheduler's last "bound to" line.)
   */
  boolean bindingsReported(Set<String> boundByOthers) {
    Set<String> reported = eventInformer.getIndexer().list().stream()
        .filter(e -> "Scheduled".equals(e.getReason()) && e.getInvolvedObject() != null)
        .map(e -> e.getInvolvedObject().getUid())
        .collect(Collectors.toSet());
    synchronized (this) {
      return unreported(uids, bindings.keySet(), reported, boundByOthers).isEmpty();
    }
  }

  /** The pods (by name) bound, not by others, whose uid has no Scheduled event yet. */
  static List<String> unreported(Map<String, String> uids, Set<String> boundUids, Set<String> reportedUids,
      Set<String> boundByOthers) {
    return uids.entrySet().stream()
        .filter(e -> boundUids.contains(e.getValue()) && !reportedUids.contains(e.getValue()))
        .map(Map.Entry::getKey)
        .filter(pod -> !boundByOthers.contains(pod))
        .toList();
  }

  /** Every pod the scenario created and has not deleted, in creation order. */
  synchronized List<String> createdNotDeleted() {
    return created.keySet().stream().filter(pod -> !deleted.containsKey(pod)).toList();
  }

  /** The latest FailedScheduling message about the pod, if any. */
  Optional<String> latestFailure(String pod) {
    return latestEvent(pod, "FailedScheduling");
  }

  /** The message of the latest event with this reason about the pod, if any. */
  Optional<String> latestEvent(String pod, String reason) {
    return events(pod, reason).stream()
        .max(Comparator.comparing(PodTracker::lastSeen))
        .map(CoreV1Event::getMessage);
  }

  /** The events with this reason about the pod the name stands for now (by uid). */
  List<CoreV1Event> events(String pod, String reason) {
    String uid;
    synchronized (this) {
      uid = uids.get(pod);
    }
    if (uid == null) {
      return List.of();
    }
    return eventInformer.getIndexer().list().stream()
        .filter(e -> e.getInvolvedObject() != null && uid.equals(e.getInvolvedObject().getUid()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  private static Instant lastSeen(CoreV1Event e) {
    if (e.getLastTimestamp() != null) {
      return e.getLastTimestamp().toInstant();
    }
    if (e.getEventTime() != null) {
      return e.getEventTime().toInstant();
    }
    return e.getMetadata().getCreationTimestamp() == null
        ? Instant.EPOCH : e.getMetadata().getCreationTimestamp().toInstant();
  }

  private static int count(CoreV1Event e) {
    return e.getCount() == null ? 1 : e.getCount();
  }

  /** Every pod the scenario created, in creation order. */
  synchronized List<PodOutcome> outcomes() {
    List<PodOutcome> result = new ArrayList<>();
    for (Map.Entry<String, Instant> entry : created.entrySet()) {
      String pod = entry.getKey();
      Optional<Binding> binding = binding(pod);
      String node = binding.map(Binding::node).orElse(null);
      int failures = events(pod, "FailedScheduling").stream().mapToInt(PodTracker::count).sum();
      String reason = node != null ? null
          : deleted.containsKey(pod) ? "deleted by the scenario"
          : latestFailure(pod).orElse("no scheduling attempt seen yet");
      result.add(new PodOutcome(pod, node, failures + (node != null ? 1 : 0), entry.getValue(),
          binding.map(Binding::seen).orElse(null), reason));
    }
    return result;
  }

  List<CoreV1Event> allEvents() {
    return eventInformer.getIndexer().list().stream()
        .filter(e -> e.getInvolvedObject() != null && Objects.equals("Pod", e.getInvolvedObject().getKind()))
        .sorted(Comparator.comparing(PodTracker::lastSeen))
        .toList();
  }

  @Override
  public void close() {
    watchFailures.stopping();
    informers.stopAllRegisteredInformers();
  }
}
