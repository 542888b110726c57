package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.ApiErrors;
import dev.minisched.scenarios.NodeTemplate;
import dev.minisched.scenarios.PodTemplate;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.UserError;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One of upstream's scheduler_perf workloads, SchedulingBasic
 * (test/integration/scheduler_perf/config/performance-config.yaml): {@code nodes} nodes, then
 * {@code placed} pods already on them, then {@code measured} pending pods, the ones timed. Nodes
 * as scheduler_perf's node-default.yaml (4 CPUs, 32Gi, 110 pods, Ready); every pod as its
 * pod-default.yaml (one container requesting and limited to 100m CPU and 500Mi), so that the
 * resource plugins have real arithmetic to do.
 *
 * <p>scheduler_perf has its scheduler place the initial pods; here they are created with
 * {@code spec.nodeName} set (pod i on node i mod N), as a DaemonSet's would be: every contender
 * starts from the same cluster, and none of them is timed on them.
 *
 * <p>Names end in a letter ({@code node-12-n}, {@code pod-12-m}): minisched's toy NodeNumber
 * plugin, still in a stage's default profile, then has no digit to match (PreScore Skip) and no
 * delay to hold a pod at Permit, so it does nothing on the stage's side, as on upstream's.
 *
 * @param name scheduler_perf's name for it, e.g. 500Nodes
 * @param nodes how many nodes
 * @param placed how many pods are bound before the contender starts
 * @param measured how many pending pods the contender binds, timed
 */
public record Workload(String name, int nodes, int placed, int measured) {
  static final String NAMESPACE = "default";

  /** scheduler_perf's SchedulingBasic workloads by name. */
  static final Map<String, Workload> SCHEDULER_PERF = Map.of(
      "500Nodes", new Workload("500Nodes", 500, 500, 1000),
      "5000Nodes", new Workload("5000Nodes", 5000, 1000, 1000),
      "5000Nodes_10000Pods", new Workload("5000Nodes_10000Pods", 5000, 1000, 10000));

  /**
   * A workload by scheduler_perf's name, or {@code NODES:PLACED:MEASURED} for one of one's own
   * (e.g. {@code 50:50:100}).
   */
  static Workload parse(String spec) {
    Workload known = SCHEDULER_PERF.get(spec);
    if (known != null) {
      return known;
    }
    String[] parts = spec.split(":");
    try {
      if (parts.length == 3) {
        Workload w = new Workload(parts[0] + "Nodes", Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
            Integer.parseInt(parts[2]));
        if (w.nodes > 0 && w.placed >= 0 && w.measured > 1) {
          return w;
        }
      }
    } catch (NumberFormatException e) {
      // the message below says what is wanted
    }
    throw new UserError(Settings.property("bench.workloads") + ": \"" + spec + "\" is neither one of "
        + String.join(", ", SCHEDULER_PERF.keySet().stream().sorted().toList())
        + " nor NODES:PLACED:MEASURED with 2 or more measured pods, e.g. 50:50:100");
  }

  /** For headers: "500Nodes: 500 nodes, 500 placed pods, 1000 measured". */
  String describe() {
    return String.format(Locale.ROOT, "%s: %d nodes, %d placed pods, %d measured pods", name, nodes, placed, measured);
  }

  String nodeName(int i) {
    return "node-" + i + "-n";
  }

  String placedName(int i) {
    return "placed-" + i + "-p";
  }

  String measuredName(int i) {
    return "pod-" + i + "-m";
  }

  /** The pod a latency run binds first, to know that the contender is up. */
  String probeName() {
    return "probe-m";
  }

  boolean isMeasured(String podName) {
    return podName.startsWith("pod-");
  }

  /** Creates the nodes, then the placed pods, {@code workers} requests at a time. */
  void createCluster(CoreV1Api api, int workers) throws InterruptedException {
    Parallel.forEachIndex(workers, nodes, "create-node", i -> createNode(api, nodeName(i)));
    Parallel.forEachIndex(workers, placed, "create-placed", i -> createPod(api, placedPod(i)));
  }

  /** The nodes as scheduler_perf's node-default.yaml has them. */
  NodeTemplate node(String name) {
    return NodeTemplate.node(name).capacity("cpu", "4").capacity("memory", "32Gi").capacity("pods", "110");
  }

  /** Bound from the start: no scheduler is asked for it. */
  private V1Pod placedPod(int i) {
    V1Pod pod = pod(placedName(i), "placed-by-harness");
    pod.getSpec().setNodeName(nodeName(i % nodes));
    return pod;
  }

  /** A pod as scheduler_perf's pod-default.yaml has it, asking for {@code schedulerName}. */
  V1Pod pod(String name, String schedulerName) {
    return PodTemplate.pod(name)
        .requests("cpu", "100m").requests("memory", "500Mi")
        .limits("cpu", "100m").limits("memory", "500Mi")
        .toPod(NAMESPACE, schedulerName);
  }

  /** Creates the measured pods, all at once, {@code workers} requests at a time. */
  void createMeasured(CoreV1Api api, int workers, String schedulerName) throws InterruptedException {
    Parallel.forEachIndex(workers, measured, "create-pod", i -> createPod(api, pod(measuredName(i), schedulerName)));
  }

  /** Every measured pod's name. */
  List<String> measuredNames() {
    List<String> names = new ArrayList<>(measured);
    for (int i = 0; i < measured; i++) {
      names.add(measuredName(i));
    }
    return names;
  }

  private void createNode(CoreV1Api api, String nodeName) {
    try {
      api.createNode(node(nodeName).toNode()).execute();
    } catch (ApiException e) {
      throw ApiErrors.refused("create node " + nodeName, e);
    }
  }

  static void createPod(CoreV1Api api, V1Pod pod) {
    try {
      api.createNamespacedPod(NAMESPACE, pod).execute();
    } catch (ApiException e) {
      throw ApiErrors.refused("create pod " + pod.getMetadata().getName(), e);
    }
  }
}
