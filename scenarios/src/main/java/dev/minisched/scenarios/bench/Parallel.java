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

  /** Runs the task for every index and returns when all are done; the first failure is rethrown. */
  static void forEachIndex(int workers, int count, String threadName, IndexTask task) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers,
        r -> new Thread(r, threadName + "-" + threads.incrementAndGet()));
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        running.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            task.run(i);
          }
          return null;
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
    } finally {
      pool.shutdownNow();
    }
  }
}
