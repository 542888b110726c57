package dev.minisched.framework;

/**
 * The QueueSort plugin decides which waiting pod is scheduled next. Upstream:
 * {@code QueueSortPlugin} in pkg/scheduler/framework/interface.go.
 *
 * <p>When: not in a scheduling cycle but between them, whenever the scheduling queue files a pod
 * into activeQ or takes the first one out: activeQ is a heap ordered by {@link #less}. Exactly
 * one QueueSort plugin orders a queue; two would not agree on one order.
 *
 * <p>Result: {@code less(a, b)} is true if {@code a} should be scheduled before {@code b}. It
 * must be a strict order (never true both ways), and may be false both ways for pods it cannot
 * tell apart; the queue then keeps them in the order they entered it.
 */
public interface QueueSortPlugin extends Plugin {
  boolean less(QueuedPodInfo a, QueuedPodInfo b);
}
