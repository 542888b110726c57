package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Pod;

/**
 * Reserve plugins keep their own books about pods on nodes: when a node is chosen they set the
 * pod's share aside (Reserve), and when the pod will not be bound after all they give it back
 * (Unreserve). Upstream: {@code ReservePlugin}.
 *
 * <p>When: Reserve runs in the scheduling cycle right after the scheduler has assumed the pod on
 * its node (the cache counts it there) and before Permit, for every reserve plugin in order. A
 * plugin that counts something per node must do it here, not when the pod is bound: the next
 * pod's cycle starts before this one is bound, and must see the room taken.
 *
 * <p>Results of Reserve: success lets the pod go on to Permit; any other status fails the
 * attempt, and then Unreserve runs on every reserve plugin — also those whose Reserve never ran or
 * failed.
 *
 * <p>Unreserve runs, in the reverse order of the plugins, whenever the pod fails after Reserve:
 * a reserve plugin failed, Permit rejected it or its wait timed out, or binding failed. Then the
 * assumed pod is forgotten, and the pod goes back. Unreserve cannot fail, and it must be
 * idempotent: it may be called for a pod whose Reserve did not run or did nothing.
 */
public interface ReservePlugin extends Plugin {
  Status reserve(CycleState state, V1Pod pod, String nodeName);

  void unreserve(CycleState state, V1Pod pod, String nodeName);
}
