package dev.minisched;

import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pods waiting to be scheduled, first in, first out. The informer's handlers add pods; the
 * scheduling loop takes them one at a time.
 *
 * <p>This is the simplest queue that works. Upstream's scheduling queue
 * ({@code pkg/scheduler/internal/queue}) also orders by priority and keeps pods that failed in
 * a backoff queue and an unschedulable set; stage 6 grows this class into that.
 *
 * <p>Threads: informer threads call {@link #add}, {@link #update} and {@link #delete}; the
 * scheduling loop calls {@link #pop}. Everything is guarded by {@code this}, whose monitor
 * also wakes the loop, so popping from an empty queue blocks instead of spinning.
 */
final class SchedulingQueue {
  // Guarded by this. Insertion order is arrival order; an update keeps the pod's place.
  private final Map<String, V1Pod> pods = new LinkedHashMap<>();
  private boolean closed;

  /** Adds a pod that needs a node, at the back of the line. */
  synchronized void add(V1Pod pod) {
    pods.put(Pods.key(pod), pod);
    notifyAll();
  }

  /** Replaces a waiting pod with its newer version, in the same place; ignores others. */
  synchronized void update(V1Pod pod) {
    pods.computeIfPresent(Pods.key(pod), (key, old) -> pod);
  }

  /** Forgets a pod that was deleted or got a node some other way. */
  synchronized void delete(V1Pod pod) {
    pods.remove(Pods.key(pod));
  }

  /**
   * Takes the pod at the front of the line, waiting for one if the queue is empty.
   *
   * @throws InterruptedException when the scheduler stops ({@link #close}) or the thread is
   *     interrupted
   */
  synchronized V1Pod pop() throws InterruptedException {
    while (pods.isEmpty() && !closed) {
      wait();
    }
    if (closed) {
      throw new InterruptedException("the scheduling queue is closed");
    }
    Iterator<V1Pod> first = pods.values().iterator();
    V1Pod pod = first.next();
    first.remove();
    return pod;
  }

  synchronized int size() {
    return pods.size();
  }

  /** Wakes a waiting {@link #pop}, which then throws; used at shutdown. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }
}
