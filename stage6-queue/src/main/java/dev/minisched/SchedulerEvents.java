package dev.minisched;

import io.kubernetes.client.extended.event.EventType;
import io.kubernetes.client.extended.event.legacy.EventBroadcaster;
import io.kubernetes.client.extended.event.legacy.EventRecorder;
import io.kubernetes.client.extended.event.legacy.LegacyEventBroadcaster;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1Pod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Kubernetes Events the scheduler leaves on pods, worded as kube-scheduler words them, so
 * that {@code kubectl describe pod} explains what happened: {@code Scheduled} when a pod was
 * bound, {@code FailedScheduling} with the reason when it could not be.
 *
 * <p>Recording is client-java-extended's {@link LegacyEventBroadcaster}: it writes core/v1
 * Events from a thread of its own, and like client-go's recorder it aggregates repeats (count
 * goes up instead of a new Event each time). Callers never wait for the API server.
 *
 * <p>One broadcaster writes one Event at a time, each a round trip to the API server, while the
 * bindings go on many at a time (from stage 5 on, 16): under load its queue grew without end (in
 * the benchmark, 67 of 1000 Scheduled events were written when the last of the 1000 pods was
 * bound). Upstream's broadcaster writes every Event in a goroutine of its own
 * (client-go tools/events, recordToSink). So there are {@value #WRITERS} broadcasters, each with
 * its thread, and a pod's Events always go to the same one: its repeats still meet in one
 * aggregator, and its Events keep their order. Events of different pods may reach the API server
 * in another order than they happened, as upstream's may.
 */
final class SchedulerEvents implements AutoCloseable {
  /** Events written at once: as many as bindings in flight, so that Events keep pace with them. */
  static final int WRITERS = 16;

  /** The most bytes an Event's message may have (upstream: validation.NoteLengthLimit). */
  static final int NOTE_LENGTH_LIMIT = 1024;

  private final List<EventBroadcaster> broadcasters = new ArrayList<>(WRITERS);
  private final List<EventRecorder> recorders = new ArrayList<>(WRITERS);

  SchedulerEvents(ApiClient client, String schedulerName) {
    this(() -> new LegacyEventBroadcaster(new CoreV1Api(client)), schedulerName);
  }

  /** With broadcasters of the caller's making, e.g. over a sink of a test's own. */
  SchedulerEvents(Supplier<EventBroadcaster> newBroadcaster, String schedulerName) {
    V1EventSource source = new V1EventSource().component(schedulerName);
    for (int i = 0; i < WRITERS; i++) {
      EventBroadcaster broadcaster = newBroadcaster.get();
      broadcasters.add(broadcaster);
      recorders.add(broadcaster.newRecorder(source));
    }
  }

  /** Starts the threads that write the Events; until then they wait in memory. */
  void start() {
    broadcasters.forEach(EventBroadcaster::startRecording);
  }

  /** Upstream's message after a successful binding. */
  void scheduled(V1Pod pod, String node) {
    recorderFor(pod).event(reference(pod), EventType.Normal, "Scheduled",
        "Successfully assigned %s to %s", Pods.key(pod), node);
  }

  /** The pod could not be placed (or bound); {@code message} says why, cut to an Event's limit. */
  void failedScheduling(V1Pod pod, String message) {
    recorderFor(pod).event(reference(pod), EventType.Warning, "FailedScheduling", "%s", truncateMessage(message));
  }

  /**
   * The API server refuses an Event whose message is longer than {@value #NOTE_LENGTH_LIMIT}
   * bytes, and a FitError's message over many nodes can be: so a longer one is cut to that many
   * bytes, the last four of them {@code " ..."}. Upstream's truncateMessage (schedule_one.go),
   * with the API's NoteLengthLimit. Go cuts the bytes where they fall; here the cut moves back to
   * the start of a character that would be split, so the message stays valid UTF-8.
   */
  static String truncateMessage(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= NOTE_LENGTH_LIMIT) {
      return message;
    }
    String suffix = " ...";
    int end = NOTE_LENGTH_LIMIT - suffix.length();
    while ((bytes[end] & 0xC0) == 0x80) { // a continuation byte: the character began before it
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8) + suffix;
  }

  private EventRecorder recorderFor(V1Pod pod) {
    return recorders.get(Math.floorMod(Pods.key(pod).hashCode(), WRITERS));
  }

  private static V1ObjectReference reference(V1Pod pod) {
    // Built by hand: objects from an informer's list carry no kind or apiVersion.
    return new V1ObjectReference().kind("Pod").apiVersion("v1")
        .namespace(pod.getMetadata().getNamespace())
        .name(pod.getMetadata().getName())
        .uid(pod.getMetadata().getUid())
        .resourceVersion(pod.getMetadata().getResourceVersion());
  }

  @Override
  public void close() {
    broadcasters.forEach(EventBroadcaster::shutdown);
  }
}
