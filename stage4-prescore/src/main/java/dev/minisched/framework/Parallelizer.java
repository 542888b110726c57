package dev.minisched.framework;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Runs a piece of work for every index 0..n-1 in parallel, in chunks, and returns when all have
 * run. Upstream: {@code parallelize.Parallelizer.Until} (pkg/scheduler/framework/parallelize), with
 * which the filter and score phases check thousands of nodes at once.
 *
 * <p>Upstream's {@code parallelism} (KubeSchedulerConfiguration, default 16) is a number of
 * goroutines, and Go runs goroutines on as many threads as the machine has cores (GOMAXPROCS).
 * Here likewise: {@code parallelism} sets the chunk size and caps the workers, and the workers are
 * at most as many threads as there are cores. More threads than cores would only take turns, and
 * waking each costs more than the few microseconds of work per node it would take over.
 *
 * <p>Threads: the calling thread is one of the workers, the others are this parallelizer's pool of
 * daemon threads "minisched-parallel-N", created once and kept. One caller at a time: the
 * scheduling thread, during its cycle. A piece of work runs concurrently with others, so it must
 * only read shared state and write its result into a slot of its own (an array element for its
 * index); the caller reads those slots after {@link #until} has returned, which happens after every
 * write.
 */
public final class Parallelizer implements AutoCloseable {
  /** Upstream's default parallelism. */
  public static final int DEFAULT_PARALLELISM = 16;

  private final int parallelism;
  /** How many workers run at once: parallelism, but no more than the cores. */
  private final int workers;
  /** workers - 1 threads; null when the caller works alone. */
  private final ExecutorService pool;

  public Parallelizer(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    this.parallelism = parallelism;
    this.workers = Math.min(parallelism, Runtime.getRuntime().availableProcessors());
    AtomicInteger threads = new AtomicInteger();
    this.pool = workers == 1 ? null : Executors.newFixedThreadPool(workers - 1, task -> {
      Thread thread = new Thread(task, "minisched-parallel-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  public int parallelism() {
    return parallelism;
  }

  /** How many threads do the work: the caller and the pool's. */
  public int threads() {
    return workers;
  }

  /** Runs {@code work} for every index in 0..pieces-1. */
  public void until(int pieces, IntConsumer work) {
    until(pieces, work, () -> false);
  }

  /**
   * Runs {@code work} for the indices 0..pieces-1, chunk by chunk in increasing order, until
   * {@code stop} says true: a worker asks it before it takes the next chunk, and finishes a chunk it
   * has taken. So the indices that ran are always a whole prefix 0..k-1, whatever the timing —
   * which is what lets the filter phase stop early and still find exactly what a search one node
   * after the other would have found. Upstream cancels a context instead, and keeps whatever the
   * workers had found by then.
   *
   * @throws RuntimeException the first exception a piece of work threw, once all workers stopped
   */
  public void until(int pieces, IntConsumer work, BooleanSupplier stop) {
    Call call = new Call(pieces, chunkSize(pieces, parallelism), work, stop);
    int helpers = Math.min(workers, call.chunks) - 1;
    for (int i = 0; i < helpers; i++) {
      pool.execute(call::help);
    }
    call.work();
    call.finish();
  }

  /**
   * One call of {@link #until}: the chunks not taken yet, and the helpers at work on it. The
   * caller works too, and once no chunk is left waits only for the helpers that have joined: a
   * helper thread that was not scheduled in time finds the call finished and does nothing. (On a
   * busy machine, waiting for every helper to be scheduled could cost a time slice of the OS.)
   */
  private static final class Call {
    final int pieces;
    final int chunkSize;
    final int chunks;
    final IntConsumer work;
    final BooleanSupplier stop;
    final AtomicInteger nextChunk = new AtomicInteger();
    volatile boolean failed;
    // Guarded by this.
    int helping;
    boolean finished;
    Throwable failure;

    Call(int pieces, int chunkSize, IntConsumer work, BooleanSupplier stop) {
      this.pieces = pieces;
      this.chunkSize = chunkSize;
      this.chunks = (pieces + chunkSize - 1) / chunkSize;
      this.work = work;
      this.stop = stop;
    }

    /** Takes chunks in order until none is left, {@code stop} says so, or a piece failed. */
    void work() {
      int chunk;
      while (!failed && !stop.getAsBoolean() && (chunk = nextChunk.getAndIncrement()) < chunks) {
        int end = Math.min(pieces, (chunk + 1) * chunkSize);
        try {
          for (int i = chunk * chunkSize; i < end; i++) {
            work.accept(i);
          }
        } catch (RuntimeException | Error e) {
          failed = true;
          synchronized (this) {
            failure = failure == null ? e : failure;
          }
          return;
        }
      }
    }

    /** A pool thread's part: join unless the call is over, work, leave. */
    void help() {
      synchronized (this) {
        if (finished) {
          return;
        }
        helping++;
      }
      try {
        work();
      } finally {
        synchronized (this) {
          helping--;
          notifyAll();
        }
      }
    }

    /** The caller's end: no helper joins any more; wait for those at work, then report a failure. */
    void finish() {
      boolean interrupted = false;
      Throwable thrown;
      synchronized (this) {
        finished = true;
        while (helping > 0) {
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true; // the chunks at work are short: let them end, keep the interrupt
          }
        }
        thrown = failure;
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (thrown instanceof RuntimeException e) {
        throw e;
      } else if (thrown instanceof Error e) {
        throw e;
      }
    }
  }

  /**
   * Upstream's chunkSizeFor: about the square root of the pieces, so that taking a chunk costs
   * little against the work in it, but no more than an even share per worker.
   */
  static int chunkSize(int pieces, int parallelism) {
    int size = (int) Math.sqrt(pieces);
    int share = pieces / parallelism + 1;
    return Math.max(1, Math.min(size, share));
  }

  /** Stops the pool's threads; work handed over afterwards is refused. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
