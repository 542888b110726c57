package dev.minisched;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One scheduling cycle in memory — filter, pre-score, score, normalize, select — for one pod
 * against 100, 1000 and 5000 nodes, with no API server: the time per pod the scheduler itself
 * spends, apart from informers, binding and Events. Run it with
 * {@code mvn -q -pl stage7-events -Pmicrobench process-test-classes} (JMH: warm-up iterations
 * first, then measured ones, in a forked JVM).
 *
 * <p>The stage's INFO logs are turned off in the forked JVM (printing thousands of scores per
 * pod would time the console); the score line's arguments are still built, as in a real run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.log.dev.minisched=warn")
@State(Scope.Benchmark)
public class SchedulingCycleBenchmark {
  @Param({"100", "1000", "5000"})
  int nodeCount;

  private Scheduler scheduler;
  private List<NodeInfo> nodes;
  private List<V1Pod> pods;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    scheduler = new Scheduler(new ApiClient().setReadTimeout(0), "minisched", Scheduler.framework());
    nodes = IntStream.range(0, nodeCount).mapToObj(i -> new NodeInfo(
        new V1Node().metadata(new V1ObjectMeta().name("node" + i)).spec(new V1NodeSpec())
            .status(new V1NodeStatus().allocatable(Map.of("cpu", Quantity.fromString("4"),
                "memory", Quantity.fromString("16Gi"), "pods", Quantity.fromString("110")))))).toList();
    // pod0 … pod9: each digit's nodes win in turn, so ties among a tenth of the nodes are broken.
    pods = IntStream.range(0, 10).mapToObj(i -> new V1Pod()
        .metadata(new V1ObjectMeta().namespace("default").name("pod" + i).uid("uid-" + i))
        .spec(new V1PodSpec().schedulerName("minisched"))).toList();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    scheduler.close();
  }

  /** One pod's scheduling cycle up to the chosen node; JMH consumes the result. */
  @Benchmark
  public String schedulePod() throws Exception {
    V1Pod pod = pods.get(next);
    next = (next + 1) % pods.size();
    return scheduler.schedulePod(new CycleState(), pod, nodes);
  }
}
