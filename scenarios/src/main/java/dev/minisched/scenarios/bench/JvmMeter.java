package dev.minisched.scenarios.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Measures a contender that runs inside this JVM (a minisched stage, the raw binder).
 *
 * <p>CPU: the CPU time of the threads started since {@link #begin()} — the contender's informer,
 * scheduling, binding and HTTP threads — per {@link ThreadMXBean}. The harness's own threads
 * (its watch, the workload writers) existed before and are left out; so are the JVM's GC and
 * JIT threads, and any contender thread that already ended.
 *
 * <p>Memory: the heap's peak since {@link #begin()}, summed over the heap pools' peaks (which
 * may come at different moments, so an upper bound). It is the whole JVM's heap: the harness's
 * watch of the pods is in it too.
 *
 * <p>Used by the thread that runs the benchmark.
 */
final class JvmMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Set<Long> threadsBefore;

  private JvmMeter(Set<Long> threadsBefore) {
    this.threadsBefore = threadsBefore;
  }

  /** Starts measuring: notes the threads alive now and resets the heap pools' peaks. */
  static JvmMeter begin() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    return new JvmMeter(Arrays.stream(THREADS.getAllThreadIds()).boxed().collect(Collectors.toSet()));
  }

  /** The CPU of the threads started since {@link #begin()} and the heap's peak, as of now. */
  ResourceUse read() {
    long cpuNanos = Arrays.stream(THREADS.getAllThreadIds())
        .filter(id -> !threadsBefore.contains(id))
        .map(THREADS::getThreadCpuTime)
        .filter(nanos -> nanos > 0) // -1: the thread ended meanwhile
        .sum();
    long peakHeap = heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    return new ResourceUse(Duration.ofNanos(cpuNanos), peakHeap,
        "CPU of its threads (ThreadMXBean, no GC/JIT); peak heap of the whole JVM");
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .toList();
  }
}
