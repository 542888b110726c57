package dev.minisched.framework;

/**
 * What a {@link QueueingHintFn} says about one event and one rejected pod. Upstream:
 * {@code fwk.QueueingHint} (Queue, QueueSkip) in pkg/scheduler/framework/interface.go.
 */
public enum QueueingHint {
  /** The event may make the pod schedulable: move it to activeQ, or backoffQ if still backing off. */
  QUEUE,
  /** The event cannot help this pod: leave it parked in unschedulablePods. */
  QUEUE_SKIP
}
