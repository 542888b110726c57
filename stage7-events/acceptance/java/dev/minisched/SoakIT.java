package dev.minisched;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.minisched.scenarios.BindingRequests;
import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.PodOutcome;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.Scenario;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stage;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The soak: pods created in bursts, for minutes, onto many nodes, while a tenth of the nodes are
 * cordoned and uncordoned over and over. At the end every pod is bound, each by exactly one
 * binding request that succeeded — none lost, none tried twice — and the scheduler, once closed,
 * leaves no thread of its own behind. Heap and thread counts at the start and the end are printed.
 *
 * <p>The size comes from settings, so CI runs it small (600 pods, 30 nodes, 30 s of bursts) and
 * the full soak (5000 pods, 100 nodes, 120 s) is one command; see the stage's README, "Soak":
 * {@code -Dminisched.soak.pods=5000 -Dminisched.soak.nodes=100 -Dminisched.soak.seconds=120}.
 * The control plane is whatever the settings select, as for every other IT.
 */
class SoakIT {
  private static final Settings SETTINGS = Settings.fromEnvironment();
  private static final int PODS = count("soak.pods", 600);
  private static final int NODES = count("soak.nodes", 30);
  private static final Duration BURSTS_FOR = SETTINGS.seconds("soak.seconds", Duration.ofSeconds(30));
  /** A burst every two seconds, and a flip halfway between two bursts. */
  private static final Duration BURST_EVERY = Duration.ofSeconds(2);
  /**
   * Once the bursts are over, how long the last pods may take: NodeNumber holds a pod up to 9 s,
   * and a slow machine may still be working through a backlog. Generous: this is not a benchmark.
   */
  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(60 + PODS / 20);
  /** The threads this stage's scheduler starts are all named so (see {@link Scheduler}, {@code Framework}). */
  private static final String OUR_THREADS = "minisched-";

  private final BindingRequests bindings = new BindingRequests();
  private final Stage recorded = new Stage(Main.STAGE.module(), "soak",
      (client, schedulerName) -> Main.STAGE.scheduler().start(bindings.record(client, "scheduler"), schedulerName));

  @Test
  void everyPodIsBoundOnceWhileNodesFlip() {
    JvmSnapshot start = JvmSnapshot.take();
    ManagementFactory.getThreadMXBean().resetPeakThreadCount();
    Soak soak = new Soak();

    RunResult result = ScenarioRunner.run(recorded, soak, SETTINGS);
    result.assertNoNodeOvercommitted();

    // The scheduler and the control plane are stopped by now. Its threads end a moment after it
    // is closed (a binding thread finishing its last request), so this waits rather than looks.
    await("no " + OUR_THREADS + "* thread left").atMost(Duration.ofSeconds(20))
        .until(() -> threadsNamed(OUR_THREADS).isEmpty());
    JvmSnapshot end = JvmSnapshot.take();
    report(soak, result, start, end);

    // None lost: every pod the scenario created is bound.
    assertThat(result.pods()).hasSize(PODS);
    assertThat(result.pods()).filteredOn(pod -> !pod.isBound()).as("pods never bound").isEmpty();
    // Each once: one binding request per pod, and every one answered 201 Created. Nobody else
    // binds here, so a 409 Conflict could only mean the scheduler tried a pod twice.
    assertThat(bindings.countByPod()).as("pods with a binding request").hasSize(PODS);
    assertThat(bindings.countByPod()).as("pods with more than one binding request")
        .allSatisfy((pod, requests) -> assertThat(requests).as(pod).isEqualTo(1));
    assertThat(statusCounts()).as("binding requests by HTTP status").containsOnlyKeys(201);
  }

  /**
   * The story. It runs on the scenario's thread alone (a {@link Cluster} is used from one thread):
   * a burst of pods, a pause, a flip of the cordoned tenth, a pause, the next burst, and so on.
   *
   * <p>Pods are named pod0, pod1, … so their last digits cycle, and NodeNumber spreads them over
   * all nodes — pod17 to node7, node17, … — and holds each one bound for nodeN for N seconds:
   * nine pods in ten wait in Permit for 1–9 s. That is on purpose: the soak exercises waiting pods
   * and the binding threads that wait for them. It costs at most 9 s after the last burst,
   * because binding waits apart from scheduling (stage 5), so the total time stays bounded.
   *
   * <p>The flipped tenth rotates: flip r cordons the nodes whose number ends in r mod 10 and
   * uncordons the ones before. While node7, node17, … are cordoned, pods ending in 7 lose their
   * favourite nodes and go to any other, with that node's hold. A tenth cordoned never leaves a
   * pod without a node, so nothing fails to schedule; what the flips do is flood the informers
   * and the queue with node updates (cordon and uncordon are cluster events) while pods are in
   * flight, and make the scheduler's cache disagree with the API server for a moment.
   */
  private final class Soak implements Scenario {
    int bursts;
    int flips;
    int mostBindingThreads;

    @Override
    public String name() {
      return "soak";
    }

    @Override
    public String description() {
      return PODS + " pods in bursts over " + BURSTS_FOR.toSeconds() + " s onto " + NODES
          + " nodes while a tenth of them flip unschedulable and back";
    }

    @Override
    public void run(Cluster cluster) {
      cluster.createNodes(0, NODES - 1, i -> node("node" + i));
      bursts = (int) Math.max(1, BURSTS_FOR.dividedBy(BURST_EVERY));
      long begin = System.nanoTime();
      cluster.mark("bursts begin");
      for (int burst = 0; burst < bursts; burst++) {
        // Burst b creates the pods from b*PODS/bursts up to (b+1)*PODS/bursts: all PODS, evenly.
        int from = burst * PODS / bursts;
        int to = (burst + 1) * PODS / bursts - 1;
        cluster.createPods(from, to, i -> pod("pod" + i));
        pauseUntil(cluster, begin, BURST_EVERY.multipliedBy(burst).plus(BURST_EVERY.dividedBy(2)));
        flip(cluster, burst);
        int bindingThreads = threadsNamed("minisched-binding-").size();
        mostBindingThreads = Math.max(mostBindingThreads, bindingThreads);
        cluster.log("burst %d/%d: pods up to pod%d; nodes ending in %d cordoned; %d binding threads"
            .formatted(burst + 1, bursts, to, burst % 10, bindingThreads));
        pauseUntil(cluster, begin, BURST_EVERY.multipliedBy(burst + 1));
      }
      cluster.mark("bursts end");
      flippedTenth(bursts - 1).forEach(node -> cluster.setUnschedulable(node, false));
      cluster.awaitAllBound(BIND_TIMEOUT);
      cluster.mark("all bound");
    }

    /** Flip r: uncordon the tenth cordoned by flip r-1, cordon the next tenth. */
    private void flip(Cluster cluster, int r) {
      if (r > 0) {
        flippedTenth(r - 1).forEach(node -> cluster.setUnschedulable(node, false));
      }
      flippedTenth(r).forEach(node -> cluster.setUnschedulable(node, true));
      flips++;
    }

    /** The nodes flip r cordons: those whose number ends in r mod 10, a tenth of them. */
    private List<String> flippedTenth(int r) {
      return IntStream.range(0, NODES).filter(i -> i % 10 == r % 10).mapToObj(i -> "node" + i).toList();
    }

    /** Pacing, not a check: sleeps until {@code offset} after {@code begin}; at once if that has passed. */
    private void pauseUntil(Cluster cluster, long begin, Duration offset) {
      Duration left = offset.minusNanos(System.nanoTime() - begin);
      if (!left.isNegative()) {
        cluster.pause(left);
      }
    }
  }

  /** Heap in use and live threads of this JVM at one moment. */
  private record JvmSnapshot(long heapUsedMiB, int threads, Map<String, Long> threadsByName) {
    static JvmSnapshot take() {
      System.gc(); // so that "used" is about live data, not garbage nobody has collected yet
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      return new JvmSnapshot(used >> 20, ManagementFactory.getThreadMXBean().getThreadCount(),
          Thread.getAllStackTraces().keySet().stream()
              .collect(Collectors.groupingBy(SoakIT::withoutNumber, TreeMap::new, Collectors.counting())));
    }
  }

  /**
   * Prints what a soak is for: how long it took, how the binding requests went, and what the JVM
   * looked like before and after. Heap and thread counts are printed, not asserted: the JVM keeps
   * threads this test does not own (the common pool, HTTP client pools, Testcontainers' clients)
   * for as long as it likes; only the scheduler's own threads are held to account, above.
   */
  private void report(Soak soak, RunResult result, JvmSnapshot start, JvmSnapshot end) {
    List<Duration> toBind = result.pods().stream().map(PodOutcome::timeToBind)
        .filter(d -> d != null).sorted().toList();
    long attemptsOverOne = result.pods().stream().filter(pod -> pod.attempts() > 1).count();
    System.out.printf("%n== soak: %d pods, %d nodes, %d bursts over %d s, %d flips ==%n",
        PODS, NODES, soak.bursts, BURSTS_FOR.toSeconds(), soak.flips);
    System.out.printf("bursts begin → all bound: %.1f s; created→bound p50 %s, p99 %s, max %s%n",
        seconds(Duration.between(result.mark("bursts begin"), result.mark("all bound"))),
        percentile(toBind, 50), percentile(toBind, 99), percentile(toBind, 100));
    System.out.printf("binding requests: %d for %d pods, by HTTP status %s; pods scheduled more than once: %d%n",
        bindings.all().size(), bindings.countByPod().size(), statusCounts(), attemptsOverOne);
    System.out.printf("binding threads: at most %d seen at once; JVM peak thread count %d%n",
        soak.mostBindingThreads, ManagementFactory.getThreadMXBean().getPeakThreadCount());
    System.out.printf("heap used (after GC): %d MiB → %d MiB; live threads: %d → %d%n",
        start.heapUsedMiB(), end.heapUsedMiB(), start.threads(), end.threads());
    Map<String, Long> added = new TreeMap<>(end.threadsByName());
    start.threadsByName().forEach((name, n) -> added.computeIfPresent(name, (k, m) -> m > n ? m - n : null));
    System.out.printf("threads at the end that were not there at the start: %s%n%n", added);
  }

  private Map<Integer, Long> statusCounts() {
    return bindings.all().stream()
        .collect(Collectors.groupingBy(BindingRequests.Sent::httpStatus, TreeMap::new, Collectors.counting()));
  }

  private static List<Thread> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).toList();
  }

  /** "minisched-binding-17" → "minisched-binding-#": threads of one pool count together. */
  private static String withoutNumber(Thread thread) {
    return thread.getName().replaceAll("\\d+", "#");
  }

  private static String percentile(List<Duration> sorted, int p) {
    if (sorted.isEmpty()) {
      return "-";
    }
    int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    return "%.2f s".formatted(seconds(sorted.get(Math.max(0, index))));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static int count(String key, int defaultValue) {
    String value = SETTINGS.get(key, String.valueOf(defaultValue));
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(Settings.property(key) + "=" + value + " is not a whole number", e);
    }
  }
}
