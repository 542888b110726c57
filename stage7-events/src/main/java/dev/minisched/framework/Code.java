package dev.minisched.framework;

/**
 * What a plugin says about a pod, as upstream's {@code framework.Code}. Each extension point
 * says which codes it may return and what the framework then does.
 */
public enum Code {
  /** The plugin has no objection. */
  SUCCESS,
  /** Something went wrong that is not about the pod or node: an internal error. */
  ERROR,
  /**
   * The pod does not fit here now, but might after the cluster changes (e.g. another pod goes
   * away). Upstream's preemption would try to make room.
   */
  UNSCHEDULABLE,
  /** The pod does not fit here, and preempting other pods on this node would not help. */
  UNSCHEDULABLE_AND_UNRESOLVABLE,
  /** A Permit plugin holds the pod for a while before it may be bound (stage 5). */
  WAIT,
  /** The plugin has nothing to do for this pod; later phases of it are skipped. */
  SKIP
}
