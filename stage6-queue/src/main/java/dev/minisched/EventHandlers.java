package dev.minisched;

import dev.minisched.framework.Handle;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;

/**
 * Turns what the informers see into work for the scheduler, as upstream's
 * {@code eventhandlers.go} (addAllEventHandlers) does. For the scheduling queue: a pod that is
 * not yet on a node and asks for this scheduler by name is queued; when it is bound, deleted, or
 * starts terminating, it leaves the queue. Pods of other schedulers are never queued. A deleted
 * pod that Permit holds is rejected, so its binding cycle ends without binding. For the
 * {@link SchedulerCache}: every node, and every pod on a node, whoever put it there.
 *
 * <p>Runs on the informers' threads; the queue and the cache it feeds are thread-safe.
 */
final class EventHandlers {
  private EventHandlers() {}

  static void register(SharedIndexInformer<V1Pod> pods, SharedIndexInformer<V1Node> nodes,
      SchedulingQueue queue, SchedulerCache cache, Handle framework, String schedulerName) {
    pods.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1Pod pod) {
        cache.addPod(pod);
        if (needsScheduling(pod, schedulerName)) {
          queue.add(pod);
        }
      }

      @Override
      public void onUpdate(V1Pod oldPod, V1Pod newPod) {
        cache.updatePod(oldPod, newPod);
        if (needsScheduling(newPod, schedulerName)) {
          queue.update(oldPod, newPod);
        } else {
          queue.delete(newPod);
        }
      }

      @Override
      public void onDelete(V1Pod pod, boolean deletedFinalStateUnknown) {
        cache.removePod(pod);
        queue.delete(pod);
        framework.rejectWaitingPod(pod.getMetadata().getUid(), "the pod was deleted while waiting on permit");
      }
    });
    nodes.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1Node node) {
        cache.addNode(node);
      }

      @Override
      public void onUpdate(V1Node oldNode, V1Node newNode) {
        cache.updateNode(oldNode, newNode);
      }

      @Override
      public void onDelete(V1Node node, boolean deletedFinalStateUnknown) {
        cache.removeNode(node);
      }
    });
  }

  /** Upstream's filter for the scheduling queue: unassigned, ours, not being deleted. */
  static boolean needsScheduling(V1Pod pod, String schedulerName) {
    return !Pods.isAssigned(pod) && Pods.asksFor(pod, schedulerName) && !Pods.isTerminating(pod);
  }
}
