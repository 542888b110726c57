package dev.minisched;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.NodeTemplate;
import dev.minisched.scenarios.PodTemplate;
import dev.minisched.scenarios.differential.DifferentialWorkload;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAffinity;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PreferredSchedulingTerm;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The differential test's mixed workload: 20 nodes of different sizes, zones, labels and taints,
 * and 40 pods, created in this order, each meant either to land on one best node or to fail for
 * a stated reason (several reasons at once for most, since a message counts every node's).
 *
 * <p>Memory comes in different proportions to cpu, on nodes (1 to 4 Mi of allocatable memory per
 * milli-cpu) and on pods, so that NodeResourcesBalancedAllocation has something to say: a pod
 * that asks for as much memory as cpu is best balanced on a node that offers them in that
 * proportion. It decides five pods here ({@link #BALANCE_DECIDES}): p06 and p18 would go
 * elsewhere without it (to n15-c, to n02-a), and p01, p12 and p13 would face a tie upstream breaks
 * at random. Sizes differ from node to node so that every pod's best node is unique; a tie fails
 * the test as a workload defect when the two schedulers break it differently, and the test that
 * runs upstream against itself proves there is none. Both checks read upstream's own score log.
 *
 * <p>Capacity is above allocatable on every node; the scheduler must read allocatable.
 */
final class MixedWorkload {
  private MixedWorkload() {}

  static final String ZONE = "topology.kubernetes.io/zone";

  static DifferentialWorkload create() {
    // n(id, cpus, Mi of memory per milli-cpu, zone, labels and taints)
    List<V1Node> nodes = List.of(
        n("n01", 2, 1, "a", n -> n.label("disktype", "ssd")),
        n("n02", 4, 1, "a", n -> n.label("disktype", "hdd")),
        n("n03", 8, 3, "b", n -> n.label("disktype", "ssd")),
        n("n04", 6, 2, "b", n -> n.label("disktype", "hdd")),
        n("n05", 3, 2, "c", n -> n.label("disktype", "ssd")),
        n("n06", 16, 1, "c", n -> n.label("gpu", "true").taint("dedicated", "gpu", "NoSchedule")),
        n("n07", 12, 3, "a", n -> n.taint("dedicated", "batch", "NoExecute")),
        n("n08", 10, 1, "b", n -> n.taint("spot", "true", "PreferNoSchedule")),
        n("n09", 5, 3, "c", n -> n.label("disktype", "ssd").taint("spot", "true", "PreferNoSchedule")),
        n("n10", 7, 4, "b", NodeTemplate::unschedulable),
        n("n11", 20, 1, "a", NodeTemplate::unschedulable),
        n("n12", 9, 1, "a", n -> n.capacity("pods", "2")),
        n("n13", 14, 3, "b", n -> n.taint("maintenance", "soon", "NoSchedule")),
        n("n14", 1, 4, "c", n -> n.label("disktype", "hdd")),
        n("n15", 11, 3, "c", n -> n.label("tier", "frontend")),
        n("n16", 13, 1, "a", n -> n.label("tier", "backend").label("gpu", "true").taint("dedicated", "gpu", "NoSchedule")),
        n("n17", 18, 1, "b", n -> n.label("team", "ml").taint("team", "ml", "NoExecute")),
        n("n18", 15, 4, "c", n -> n.label("tier", "backend")),
        n("n19", 17, 1, "d", n -> n.label("env", "staging")),
        n("n20", 19, 2, "b", n -> n.label("disktype", "ssd").taint("spot", "true", "PreferNoSchedule")
            .taint("reclaim", "", "PreferNoSchedule")));

    // p(name, milli-cpu, Mi of memory, shape)
    List<V1Pod> pods = new ArrayList<>();
    // -- schedulable, one idea each --
    pods.add(p("p01-plain", 500, 500, x -> {}));
    pods.add(p("p02-best-effort", 0, 0, x -> x.prefer(10, expr("tier", "In", "frontend"))));
    pods.add(p("p03-init-container", 200, 600, x -> x.init(1500, 3000)));
    pods.add(p("p04-selector-ssd", 1000, 4000, x -> x.selector("disktype", "ssd")));
    pods.add(p("p05-zone-in-a", 1000, 2000, x -> x.require(expr(ZONE, "In", "a"))));
    pods.add(p("p06-zone-notin-ab", 1300, 1300, x -> x.require(expr(ZONE, "NotIn", "a", "b"))));
    pods.add(p("p07-gpu-tolerated", 2000, 4000, x -> x.require(expr("gpu", "Exists"))
        .tolerate("dedicated", "Equal", "gpu", "NoSchedule")));
    pods.add(p("p08-no-tier-in-c", 600, 2400, x -> x.require(expr("tier", "DoesNotExist"), expr(ZONE, "In", "c"))));
    pods.add(p("p09-rack-gt-fifteen", 1600, 6400, x -> x.require(expr("rack", "Gt", "15"))));
    pods.add(p("p10-prefers-c-then-ssd", 900, 900, x -> x.prefer(70, expr(ZONE, "In", "c"))
        .prefer(30, expr("disktype", "In", "ssd"))));
    pods.add(p("p11-prefers-backend", 1200, 1200, x -> x.prefer(50, expr("tier", "In", "backend"))
        .prefer(10, expr("tier", "In", "frontend"))));
    pods.add(p("p12-tolerates-spot", 400, 400, x -> x.tolerate("spot", "Equal", "true", "PreferNoSchedule")));
    pods.add(p("p13-tolerates-everything", 300, 1200, x -> x.tolerate("", "Exists", "", "")
        .prefer(50, expr(ZONE, "In", "a"))));
    pods.add(p("p14-batch-noexecute", 2500, 7500, x -> x.tolerate("dedicated", "Equal", "batch", "NoExecute")
        .prefer(30, expr(ZONE, "In", "a"))));
    pods.add(p("p15-on-n12-second-pod", 100, 400, x -> x.selector("kubernetes.io/hostname", "n12-a")));
    pods.add(p("p16-prefers-staging", 2000, 6000, x -> x.prefer(100, expr("env", "In", "staging"))));
    pods.add(p("p17-big", 9000, 36000, x -> {}));
    pods.add(p("p18-rack-lt-four", 300, 900, x -> x.require(expr("rack", "Lt", "4"))));
    pods.add(p("p19-either-term", 700, 700, x -> x.requireAny(List.of(expr("tier", "In", "frontend")),
        List.of(expr(ZONE, "In", "d")))));
    pods.add(p("p20-wrong-value-toleration", 1500, 1500, x -> x.tolerate("spot", "Equal", "false", "PreferNoSchedule")
        .prefer(40, expr("disktype", "In", "ssd"))));
    // -- cannot fit: each names its reason(s) --
    pods.add(p("f01-too-big-everywhere", 30000, 70000, x -> {}));
    pods.add(p("f02-cpu-only", 25000, 100, x -> {}));
    pods.add(p("f03-memory-only", 100, 70000, x -> {}));
    pods.add(p("f04-selector-matches-nothing", 100, 200, x -> x.selector("disktype", "nvme")));
    pods.add(p("f05-gpu-untolerated", 100, 200, x -> x.require(expr("gpu", "Exists"))));
    pods.add(p("f06-zone-d-too-big", 18000, 36000, x -> x.require(expr(ZONE, "In", "d"))));
    pods.add(p("f07-init-too-big", 100, 200, x -> x.init(40000, 80000)));
    pods.add(p("f08-n12-full", 100, 200, x -> x.selector("kubernetes.io/hostname", "n12-a")));
    pods.add(p("f09-only-cordoned", 100, 200, x -> x.require(expr("kubernetes.io/hostname", "In", "n10-b", "n11-a"))));
    pods.add(p("f10-ml-noexecute", 100, 200, x -> x.selector("team", "ml")));
    pods.add(p("f11-no-zone", 100, 200, x -> x.require(expr(ZONE, "NotIn", "a", "b", "c", "d"))));
    pods.add(p("f12-rack-lt-one", 100, 200, x -> x.require(expr("rack", "Lt", "1"))));
    pods.add(p("f13-no-term-matches", 100, 200, x -> x.requireAny(List.of(expr(ZONE, "In", "x")),
        List.of(expr("tier", "In", "middle")))));
    pods.add(p("f14-maintenance-only", 100, 200, x -> x.require(expr("kubernetes.io/hostname", "In", "n13-b"))
        .tolerate("dedicated", "Exists", "", "")));
    // -- more schedulable ones on a fuller cluster --
    pods.add(p("p21-plain-large", 3000, 3000, x -> {}));
    pods.add(p("p22-init-and-two-containers", 400, 800, x -> x.container(600, 1200).init(800, 1600)));
    pods.add(p("p23-gpu-prefers-backend", 1000, 1000, x -> x.tolerate("dedicated", "Exists", "", "NoSchedule")
        .prefer(60, expr("gpu", "In", "true")).prefer(25, expr("tier", "In", "backend"))));
    pods.add(p("p24-best-effort-tolerates-all", 0, 0, x -> x.tolerate("", "Exists", "", "")
        .prefer(5, expr("team", "In", "ml"))));
    pods.add(p("p25-zone-b-notin-hdd", 1100, 3300, x -> x.require(expr(ZONE, "In", "b"), expr("disktype", "NotIn", "hdd"))));
    // n19-d has the cpu, but not with the earlier pods' on it
    pods.add(p("f15-n19-full-of-earlier-pods", 14000, 7000, x -> x.selector("kubernetes.io/hostname", "n19-d")));
    return new DifferentialWorkload("mixed (20 nodes, 40 pods)", nodes, pods);
  }

  /**
   * Where kube-scheduler v1.34, running its default filters and score weights for the plugins the
   * stages port, places each p-pod of {@link #create()} (UpstreamDifferentialIT's decisive run
   * prints the same, with each pod's best total, the runner-up, and the plugins that decided it).
   */
  static final Map<String, String> UPSTREAM_PLACEMENT = placement(
      "p01-plain n19-d;p02-best-effort n15-c;p03-init-container n18-c;p04-selector-ssd n03-b;p05-zone-in-a n12-a;"
      + "p06-zone-notin-ab n19-d;p07-gpu-tolerated n06-c;p08-no-tier-in-c n05-c;p09-rack-gt-fifteen n18-c;"
      + "p10-prefers-c-then-ssd n05-c;p11-prefers-backend n18-c;p12-tolerates-spot n08-b;"
      + "p13-tolerates-everything n07-a;p14-batch-noexecute n07-a;p15-on-n12-second-pod n12-a;"
      + "p16-prefers-staging n19-d;p17-big n18-c;p18-rack-lt-four n03-b;p19-either-term n15-c;"
      + "p20-wrong-value-toleration n03-b;p21-plain-large n15-c;p22-init-and-two-containers n04-b;"
      + "p23-gpu-prefers-backend n16-a;p24-best-effort-tolerates-all n17-b;p25-zone-b-notin-hdd n03-b");

  /**
   * The p-pods whose node upstream's NodeResourcesBalancedAllocation scores decide: without them
   * p06-zone-notin-ab (1300m, 1300Mi) would go to n15-c (3Mi per milli-cpu) rather than n19-d
   * (1Mi), and p18-rack-lt-four (300m, 900Mi) to n02-a (1Mi) rather than n03-b (3Mi); p01, p12
   * and p13 would face ties (n19-d and n18-c, n08-b and n15-c, n07-a and n11-a) that it breaks.
   */
  static final List<String> BALANCE_DECIDES = List.of("p01-plain", "p06-zone-notin-ab", "p12-tolerates-spot",
      "p13-tolerates-everything", "p18-rack-lt-four");

  /**
   * The same workload for a scheduler with filters only: each p-pod also selects, by hostname,
   * the node of {@link #UPSTREAM_PLACEMENT}, so it has one feasible node at most and no score can
   * decide anything; the cluster then fills as in {@link #create()}, and the f-pods' messages
   * (every node's reason counted) check the filters. A pin is input, not an expected result: if a
   * pinned node did not fit, both schedulers would have to say so in the same words.
   */
  static DifferentialWorkload pinned() {
    DifferentialWorkload all = create();
    for (V1Pod pod : all.pods()) {
      String node = UPSTREAM_PLACEMENT.get(pod.getMetadata().getName());
      if (node != null) {
        new PodShape(pod).selector("kubernetes.io/hostname", node);
      }
    }
    return new DifferentialWorkload("mixed, p-pods pinned (20 nodes, 40 pods)", all.nodes(), all.pods());
  }

  private static Map<String, String> placement(String pairs) {
    Map<String, String> placement = new LinkedHashMap<>();
    for (String pair : pairs.split(";")) {
      String[] podAndNode = pair.split(" ");
      placement.put(podAndNode[0], podAndNode[1]);
    }
    return placement;
  }

  // ---- nodes ----

  /**
   * Added to every node's allocatable cpu (and to its memory, times its Mi per milli-cpu): pods
   * request round amounts, so none can fill a node exactly, where a score could sit at a bound.
   */
  private static final int ODD_MILLI = 37;

  /**
   * A node with {@code cpus} (and {@link #ODD_MILLI}) allocatable and {@code miPerMilli} Mi of
   * memory per milli-cpu; capacity one cpu more, with as much memory again per milli-cpu. Named by
   * its number and zone ("n07-a"). Labels: zone, and rack = its number (for Gt/Lt).
   */
  private static V1Node n(String id, int cpus, int miPerMilli, String zone, Consumer<NodeTemplate> more) {
    NodeTemplate t = node(id + "-" + zone).label(ZONE, zone).label("rack", id.substring(1).replaceFirst("^0", ""))
        .capacity("cpu", String.valueOf(cpus + 1)).capacity("memory", (cpus + 1) * 1000 * miPerMilli + "Mi");
    more.accept(t);
    V1Node node = t.toNode();
    Map<String, Quantity> allocatable = new LinkedHashMap<>(node.getStatus().getCapacity());
    int milli = cpus * 1000 + ODD_MILLI;
    allocatable.put("cpu", Quantity.fromString(milli + "m"));
    allocatable.put("memory", Quantity.fromString(miPerMilli * milli + "Mi"));
    node.getStatus().setAllocatable(allocatable);
    return node;
  }

  // ---- pods ----

  /** A pod whose main container requests {@code milliCpu} and {@code mi} Mi of memory (nothing when both are 0). */
  private static V1Pod p(String name, int milliCpu, int mi, Consumer<PodShape> shape) {
    PodTemplate t = pod(name);
    if (milliCpu > 0 || mi > 0) {
      t.requests("cpu", milliCpu + "m").requests("memory", mi + "Mi");
    }
    return build(t, shape);
  }

  private static V1Pod build(PodTemplate t, Consumer<PodShape> shape) {
    V1Pod pod = t.toPod("default", "set-by-the-run");
    shape.accept(new PodShape(pod));
    return pod;
  }

  private static V1NodeSelectorRequirement expr(String key, String operator, String... values) {
    return new V1NodeSelectorRequirement().key(key).operator(operator).values(values.length == 0 ? null : List.of(values));
  }

  /** Changes to a pod built from a template: what PodTemplate does not offer. */
  private record PodShape(V1Pod pod) {
    PodShape selector(String key, String value) {
      if (pod.getSpec().getNodeSelector() == null) {
        pod.getSpec().setNodeSelector(new LinkedHashMap<>());
      }
      pod.getSpec().getNodeSelector().put(key, value);
      return this;
    }

    PodShape require(V1NodeSelectorRequirement... all) {
      return requireAny(List.of(all));
    }

    @SafeVarargs
    final PodShape requireAny(List<V1NodeSelectorRequirement>... terms) {
      V1NodeSelector selector = new V1NodeSelector();
      for (List<V1NodeSelectorRequirement> term : terms) {
        selector.addNodeSelectorTermsItem(new V1NodeSelectorTerm().matchExpressions(new ArrayList<>(term)));
      }
      nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution(selector);
      return this;
    }

    PodShape prefer(int weight, V1NodeSelectorRequirement... all) {
      nodeAffinity().addPreferredDuringSchedulingIgnoredDuringExecutionItem(new V1PreferredSchedulingTerm()
          .weight(weight).preference(new V1NodeSelectorTerm().matchExpressions(List.of(all))));
      return this;
    }

    private V1NodeAffinity nodeAffinity() {
      if (pod.getSpec().getAffinity() == null) {
        pod.getSpec().setAffinity(new V1Affinity().nodeAffinity(new V1NodeAffinity()));
      }
      return pod.getSpec().getAffinity().getNodeAffinity();
    }

    /** A toleration; empty key, value or effect are left out (operator Exists with no key tolerates every taint). */
    PodShape tolerate(String key, String operator, String value, String effect) {
      pod.getSpec().addTolerationsItem(new V1Toleration().key(key.isEmpty() ? null : key).operator(operator)
          .value(value.isEmpty() ? null : value).effect(effect.isEmpty() ? null : effect));
      return this;
    }

    /** An init container requesting {@code milliCpu} and {@code mi} Mi of memory. */
    PodShape init(int milliCpu, int mi) {
      pod.getSpec().addInitContainersItem(container("init" + size(pod.getSpec().getInitContainers()), milliCpu, mi));
      return this;
    }

    /** One more app container requesting {@code milliCpu} and {@code mi} Mi of memory. */
    PodShape container(int milliCpu, int mi) {
      pod.getSpec().setContainers(new ArrayList<>(pod.getSpec().getContainers()));
      pod.getSpec().addContainersItem(container("extra" + size(pod.getSpec().getContainers()), milliCpu, mi));
      return this;
    }

    private static int size(List<?> list) {
      return list == null ? 0 : list.size();
    }

    private V1Container container(String name, int milliCpu, int mi) {
      return new V1Container().name(name).image(pod.getSpec().getContainers().get(0).getImage())
          .resources(new V1ResourceRequirements().requests(Map.of(
              "cpu", Quantity.fromString(milliCpu + "m"), "memory", Quantity.fromString(mi + "Mi"))));
    }
  }
}
