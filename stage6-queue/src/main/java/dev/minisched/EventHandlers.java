package dev.minisched;

import dev.minisched.framework.Handle;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.openapi.models.V1Pod;

/**
 * Turns what the pod informer sees into work for the scheduling queue, as upstream's
 * {@code eventhandlers.go} (addAllEventHandlers) does: a pod that is not yet on a node and asks
 * for this scheduler by name is queued; when it is bound, deleted, or starts terminating, it
 * leaves the queue. A deleted pod that Permit holds is rejected, so its binding cycle ends
 * without binding. Pods of other schedulers are never touched.
 *
 * <p>Runs on the informer's thread; the queue it feeds is thread-safe.
 */
final class EventHandlers {
  private EventHandlers() {}

  static void register(SharedIndexInformer<V1Pod> pods, SchedulingQueue queue, Handle framework,
      String schedulerName) {
    pods.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1Pod pod) {
        if (needsScheduling(pod, schedulerName)) {
          queue.add(pod);
        }
      }

      @Override
      public void onUpdate(V1Pod oldPod, V1Pod newPod) {
        if (needsScheduling(newPod, schedulerName)) {
          queue.update(oldPod, newPod);
        } else {
          queue.delete(newPod);
        }
      }

      @Override
      public void onDelete(V1Pod pod, boolean deletedFinalStateUnknown) {
        queue.delete(pod);
        framework.rejectWaitingPod(pod.getMetadata().getUid(), "the pod was deleted while waiting on permit");
      }
    });
  }

  /** Upstream's filter for the scheduling queue: unassigned, ours, not being deleted. */
  static boolean needsScheduling(V1Pod pod, String schedulerName) {
    return !Pods.isAssigned(pod) && Pods.asksFor(pod, schedulerName) && !Pods.isTerminating(pod);
  }
}
