package dev.minisched.scenarios.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures a contender that runs as a child process (upstream's kube-scheduler, a stage's JVM)
 * from Linux's
 * /proc: CPU time is {@code utime + stime} from {@code /proc/PID/stat} (user and system time of
 * all its threads, Go's garbage collector included), peak memory is {@code VmHWM} from
 * {@code /proc/PID/status} (the resident set's high-water mark: heap, stacks and binary alike).
 * Both kinds of scheduler are measured this way, so their figures compare: the JVM's GC and JIT
 * threads count as Go's runtime does. See proc(5).
 */
final class ProcessMeter {
  /** CPU time (user + system, all threads) and peak resident memory of one process. */
  record Usage(Duration cpu, long peakMemoryBytes) {}

  /** Clock ticks per second, the unit of utime and stime: 100 on every Linux we run on. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;
  private static final Pattern VM_HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");

  private ProcessMeter() {}

  /** The process's CPU time and peak resident memory so far; call it before the process ends. */
  static Usage read(long pid) {
    Path proc = Path.of("/proc", String.valueOf(pid));
    long ticks = cpuTicks(read(proc.resolve("stat")));
    Matcher hwm = VM_HWM.matcher(read(proc.resolve("status")));
    long peakBytes = hwm.find() ? Long.parseLong(hwm.group(1)) * 1024 : -1;
    return new Usage(ticksToDuration(ticks), peakBytes);
  }

  /**
   * CPU time so far of these processes and all their descendants (the control plane's servers
   * run as children of watchdog shells). A process that ended meanwhile counts nothing.
   */
  static Duration cpuOfTrees(List<ProcessHandle> roots) {
    long ticks = 0;
    for (ProcessHandle root : roots) {
      for (ProcessHandle process : Stream.concat(Stream.of(root), root.descendants()).toList()) {
        try {
          ticks += cpuTicks(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat")));
        } catch (IOException ended) {
          // gone between listing and reading: its time is no longer anyone's to count
        }
      }
    }
    return ticksToDuration(ticks);
  }

  /** utime + stime from a /proc/PID/stat line. */
  private static long cpuTicks(String stat) {
    // The second field, (comm), may contain spaces; count fields from the ')' after it.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime (14), stime (15)
  }

  private static Duration ticksToDuration(long ticks) {
    return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + "; has the process ended?", e);
    }
  }
}
