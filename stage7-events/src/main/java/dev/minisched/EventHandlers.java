package dev.minisched;

import dev.minisched.framework.ClusterEvent;
import dev.minisched.framework.Handle;
import dev.minisched.framework.Resource;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Taint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns what the informers see into work for the scheduling queue, as upstream's
 * {@code eventhandlers.go} (addAllEventHandlers) does. A pod that is not yet on a node and asks
 * for this scheduler by name is queued; when it is bound, deleted, or starts terminating, it
 * leaves the queue. A deleted pod that Permit holds is rejected, so its binding cycle ends
 * without binding. Pods of other schedulers are never queued. Every node, and every pod on a
 * node, whoever put it there, goes into the {@link SchedulerCache}. Changes that may make waiting
 * pods schedulable — a node added, changed or removed, a pod bound to or gone from a node, by any
 * scheduler — become {@link ClusterEvent}s for the queue.
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
        } else if (Pods.isAssigned(pod)) {
          queue.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_ADD, null, pod);
        }
      }

      @Override
      public void onUpdate(V1Pod oldPod, V1Pod newPod) {
        cache.updatePod(oldPod, newPod);
        if (needsScheduling(newPod, schedulerName)) {
          queue.update(oldPod, newPod);
        } else {
          queue.delete(newPod);
          if (!Pods.isAssigned(oldPod) && Pods.isAssigned(newPod)) {
            queue.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_ADD, oldPod, newPod);
          } else if (Pods.isAssigned(newPod) && !Pods.isTerminal(oldPod) && Pods.isTerminal(newPod)) {
            // Finished: its room is free, as if it were deleted. Upstream's informer leaves
            // terminated pods out, so it sees exactly that, a delete.
            queue.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_DELETE, newPod, null);
          }
        }
      }

      @Override
      public void onDelete(V1Pod pod, boolean deletedFinalStateUnknown) {
        cache.removePod(pod);
        queue.delete(pod);
        framework.rejectWaitingPod(pod.getMetadata().getUid(), "the pod was deleted while waiting on permit");
        if (Pods.isAssigned(pod)) {
          queue.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_DELETE, pod, null);
        }
      }
    });
    nodes.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1Node node) {
        cache.addNode(node);
        queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD, null, node);
      }

      @Override
      public void onUpdate(V1Node oldNode, V1Node newNode) {
        cache.updateNode(oldNode, newNode);
        nodeSchedulingPropertiesChange(oldNode, newNode)
            .forEach(event -> queue.moveAllToActiveOrBackoffQueue(event, oldNode, newNode));
      }

      @Override
      public void onDelete(V1Node node, boolean deletedFinalStateUnknown) {
        cache.removeNode(node);
        queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_DELETE, node, null);
      }
    });
  }

  /** Upstream's filter for the scheduling queue: unassigned, ours, not being deleted. */
  static boolean needsScheduling(V1Pod pod, String schedulerName) {
    return !Pods.isAssigned(pod) && Pods.asksFor(pod, schedulerName) && !Pods.isTerminating(pod);
  }

  /**
   * What changed in a node update, as the events plugins register for; empty when nothing a plugin
   * looks at changed (a status heartbeat, a resourceVersion). Upstream:
   * {@code nodeSchedulingPropertiesChange}, which also compares conditions and annotations;
   * minisched's plugins look at neither.
   */
  static List<ClusterEvent> nodeSchedulingPropertiesChange(V1Node oldNode, V1Node newNode) {
    List<ClusterEvent> events = new ArrayList<>();
    if (unschedulable(oldNode) && !unschedulable(newNode)) {
      // Uncordoned only, as upstream: a cordon cannot make any pod schedulable.
      events.add(ClusterEvent.NODE_SPEC_UNSCHEDULABLE_CHANGE);
    }
    if (!Objects.equals(oldNode.getMetadata().getLabels(), newNode.getMetadata().getLabels())) {
      events.add(ClusterEvent.NODE_LABEL_CHANGE);
    }
    if (!Objects.equals(taints(oldNode), taints(newNode))) {
      events.add(ClusterEvent.NODE_TAINT_CHANGE);
    }
    if (!Objects.equals(allocatable(oldNode), allocatable(newNode))) {
      events.add(ClusterEvent.NODE_ALLOCATABLE_CHANGE);
    }
    return events;
  }

  private static boolean unschedulable(V1Node node) {
    return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
  }

  /** As the scheduler counts it, so "1" and "1000m" cpu are no change. */
  private static Resource allocatable(V1Node node) {
    return node.getStatus() == null ? Resource.EMPTY : Resource.fromList(node.getStatus().getAllocatable());
  }

  private static List<V1Taint> taints(V1Node node) {
    return node.getSpec() == null ? null : node.getSpec().getTaints();
  }
}
