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

/**
 * The Kubernetes Events the scheduler leaves on pods, worded as kube-scheduler words them, so
 * that {@code kubectl describe pod} explains what happened: {@code Scheduled} when a pod was
 * bound, {@code FailedScheduling} with the reason when it could not be.
 *
 * <p>Recording is client-java-extended's {@link LegacyEventBroadcaster}: it writes core/v1
 * Events from a thread of its own, and like client-go's recorder it aggregates repeats (count
 * goes up instead of a new Event each time). Callers never wait for the API server.
 */
final class SchedulerEvents implements AutoCloseable {
  private final EventBroadcaster broadcaster;
  private final EventRecorder recorder;

  SchedulerEvents(ApiClient client, String schedulerName) {
    this.broadcaster = new LegacyEventBroadcaster(new CoreV1Api(client));
    this.recorder = broadcaster.newRecorder(new V1EventSource().component(schedulerName));
  }

  /** Starts the thread that writes the Events; until then they wait in memory. */
  void start() {
    broadcaster.startRecording();
  }

  /** Upstream's message after a successful binding. */
  void scheduled(V1Pod pod, String node) {
    recorder.event(reference(pod), EventType.Normal, "Scheduled",
        "Successfully assigned %s to %s", Pods.key(pod), node);
  }

  /** The pod could not be placed (or bound); {@code message} says why. */
  void failedScheduling(V1Pod pod, String message) {
    recorder.event(reference(pod), EventType.Warning, "FailedScheduling", "%s", message);
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
    broadcaster.shutdown();
  }
}
