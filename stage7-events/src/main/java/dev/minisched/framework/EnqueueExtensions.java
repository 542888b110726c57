package dev.minisched.framework;

import java.util.List;

/**
 * Optional for a plugin that rejects pods (Filter, and Permit in stage 5): it says which cluster
 * events could make a pod it rejected schedulable, so that the scheduling queue retries that pod
 * when such an event happens, and not when an unrelated one does. Upstream:
 * {@code EnqueueExtensions} in pkg/scheduler/framework/interface.go.
 *
 * <p>When: the {@link Framework} asks once, when it is built, and the answer holds for the life
 * of the scheduler; it must not depend on the state of the cluster.
 *
 * <p>What the answer means: a pod this plugin rejected moves from unschedulablePods back towards
 * activeQ on an event that {@link ClusterEvent#matches matches} one of these, if its hint says
 * {@link QueueingHint#QUEUE} (or it has none). Too few events
 * and a pod waits for the unschedulable timeout although it could run; too many and pods are
 * retried in vain. A plugin that does not implement this interface is registered for
 * {@link ClusterEvent#WILDCARD}: every event may help, since nothing says otherwise. Failures
 * that are errors, not rejections, do not use this at all: those pods are retried after backoff.
 */
public interface EnqueueExtensions extends Plugin {
  /**
   * The events, each with an optional {@link QueueingHintFn} that looks at the pod and the changed
   * object and says whether this particular event helps. Without a hint (the legacy path,
   * {@link ClusterEventWithHint#of}) every matching event counts as QUEUE.
   */
  List<ClusterEventWithHint> eventsToRegister();
}
