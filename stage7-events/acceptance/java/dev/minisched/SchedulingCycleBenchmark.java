package dev.minisched;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAffinity;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PreferredSchedulingTerm;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1Taint;
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
 * <p>The stage's whole plugin set works on every node: each node already runs
 * {@value #PODS_PER_NODE} pods with requests (NodeResourcesFit and BalancedAllocation add them
 * up — from the NodeInfo's sums, never by scanning the pods), carries a zone label (NodeAffinity's
 * preferred term) and, one in four, a PreferNoSchedule taint (TaintToleration's score). The cycle
 * time must grow with the nodes only, not with the pods placed on them.
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
  static final int PODS_PER_NODE = 10;

  @Param({"100", "1000", "5000"})
  int nodeCount;

  private Scheduler scheduler;
  private List<NodeInfo> nodes;
  private List<V1Pod> pods;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    scheduler = new Scheduler(new ApiClient().setReadTimeout(0), "minisched", Scheduler.framework());
    nodes = IntStream.range(0, nodeCount).mapToObj(SchedulingCycleBenchmark::nodeWithPods).toList();
    // pod0 … pod9: each digit's nodes win in turn, so ties among a tenth of the nodes are broken.
    V1Affinity preferZoneA = new V1Affinity().nodeAffinity(new V1NodeAffinity()
        .preferredDuringSchedulingIgnoredDuringExecution(List.of(new V1PreferredSchedulingTerm()
            .weight(10).preference(new V1NodeSelectorTerm().matchExpressions(List.of(
                new V1NodeSelectorRequirement().key("zone").operator("In").values(List.of("a"))))))));
    pods = IntStream.range(0, 10).mapToObj(i -> new V1Pod()
        .metadata(new V1ObjectMeta().namespace("default").name("pod" + i).uid("uid-" + i))
        .spec(podSpec(null).affinity(preferZoneA))).toList();
  }

  /** node i: 4 cpu, 16Gi, 110 pods; zone a, b or c; a PreferNoSchedule taint on every fourth. */
  private static NodeInfo nodeWithPods(int i) {
    String name = "node" + i;
    V1Node node = new V1Node()
        .metadata(new V1ObjectMeta().name(name).labels(Map.of("zone", List.of("a", "b", "c").get(i % 3))))
        .spec(new V1NodeSpec().taints(i % 4 == 0
            ? List.of(new V1Taint().key("spare").value("true").effect("PreferNoSchedule")) : null))
        .status(new V1NodeStatus().allocatable(Map.of("cpu", Quantity.fromString("4"),
            "memory", Quantity.fromString("16Gi"), "pods", Quantity.fromString("110"))));
    List<V1Pod> placed = IntStream.range(0, PODS_PER_NODE)
        .mapToObj(j -> new V1Pod().metadata(new V1ObjectMeta().namespace("default")
                .name(name + "-placed-" + j).uid(name + "-placed-" + j))
            .spec(podSpec(name))).toList();
    return NodeInfo.of(node, placed);
  }

  /** A pod spec asking for 100m cpu and 256Mi, bound to {@code nodeName} if given. */
  private static V1PodSpec podSpec(String nodeName) {
    return new V1PodSpec().schedulerName("minisched").nodeName(nodeName)
        .containers(List.of(new V1Container().name("main").resources(new V1ResourceRequirements()
            .requests(Map.of("cpu", Quantity.fromString("100m"), "memory", Quantity.fromString("256Mi"))))));
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
