package dev.minisched.framework;

/**
 * An event a plugin registers, with the hint that looks closer at it. Upstream:
 * {@code fwk.ClusterEventWithHint}.
 *
 * @param hint null for the legacy path: the event alone decides, every match means QUEUE
 */
public record ClusterEventWithHint(ClusterEvent event, QueueingHintFn hint) {
  /** The legacy registration: no hint, so any matching event queues the pod. */
  public static ClusterEventWithHint of(ClusterEvent event) {
    return new ClusterEventWithHint(event, null);
  }
}
