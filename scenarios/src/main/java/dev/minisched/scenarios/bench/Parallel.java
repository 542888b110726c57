package dev.minisched.scenarios.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task for every index 0 … count-1 on a fixed number of threads, each taking the next
 * index as soon as it is done with one: a closed loop with {@code workers} requests in flight.
 * Used to create the workload and by the raw-binding baseline.
 */
final class Parallel {
  /** One unit of work; throws unchecked exceptions with a message for people. */
  interface IndexTask {
    void run(int index);
  }

  private Parallel() {}

  /** Threads for {@link #forEachIndex}, named {@code name-1}, {@code name-2}, … */
  static ExecutorService pool(int workers, String name) {
    AtomicInteger threads = new AtomicInteger();
    return Executors.newFixedThreadPool(workers, r -> new Thread(r, name + "-" + threads.incrementAndGet()));
  }

  /** Runs the task for every index on a pool of its own, which ends with it. */
  static void forEachIndex(int workers, int count, String threadName, IndexTask task) throws InterruptedException {
    ExecutorService pool = pool(workers, threadName);
    try {
      forEachIndex(pool, workers, count, task);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Runs the task for every index with {@code workers} of the pool's threads and returns when all
   * are done; the first failure is rethrown. The pool stays up: its owner shuts it down.
   */
  static void forEachIndex(ExecutorService pool, int workers, int count, IndexTask task) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      running.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          task.run(i);
        }
      }));
    }
    for (Future<?> worker : running) {
      try {
        worker.get();
      } catch (ExecutionException e) {
        next.set(count); // the other workers stop taking work
        throw e.getCause() instanceof RuntimeException r ? r
            : new IllegalStateException(e.getCause().toString(), e.getCause());
      }
    }
  }
}
