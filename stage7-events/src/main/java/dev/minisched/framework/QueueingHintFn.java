package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Pod;

/**
 * Decides whether an event is worth retrying a pod that this plugin rejected. Upstream:
 * {@code fwk.QueueingHintFn} in pkg/scheduler/framework/interface.go.
 *
 * <p>When: on the thread that reports the event (an informer thread), with the queue's lock held,
 * once for each parked pod that the plugin rejected, and again for an in-flight pod when its cycle
 * fails and the event came during it. So it must be fast and look only at its arguments, never at
 * the cache: the cache may already be ahead of the event.
 *
 * <p>What the arguments are: for an add, {@code oldObj} is null; for a delete, {@code newObj} is
 * null; for an update, both. They are a V1Node or a V1Pod, by the event's resource.
 *
 * <p>What the result means: {@link QueueingHint#QUEUE} moves the pod; {@link QueueingHint#QUEUE_SKIP}
 * leaves it parked. A hint that throws counts as QUEUE, as upstream's error does: better a useless
 * retry than a pod stuck until the leftover flush.
 */
@FunctionalInterface
public interface QueueingHintFn {
  QueueingHint hint(V1Pod pod, Object oldObj, Object newObj) throws Exception;
}
