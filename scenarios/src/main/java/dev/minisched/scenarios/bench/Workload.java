package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.ApiErrors;
import dev.minisched.scenarios.NodeTemplate;
import dev.minisched.scenarios.PodTemplate;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same work for every contender: N nodes named node0 … node(N-1), each with the scenario
 * nodes' capacity (4 CPUs, 16Gi, 110 pods), Ready, not cordoned, untainted; and M pods in the
 * namespace {@code default}, requesting nothing, pending, asking for the contender's scheduler
 * by name.
 *
 * <p>The pods are named pod0-0 … pod(M-1)-0. A name ending in 0 makes minisched's toy NodeNumber
 * plugin (stage 3 on) prefer nodes ending in 0, whose Permit lets the pod through at once; with
 * names ending in 1–9 it would hold each pod 1–9 s on purpose, and the benchmark would time
 * those sleeps. {@code permitDelays} names them pod0 … pod(M-1) instead, to see that.
 *
 * <p>Before each contender the cluster is cleared: every pod in the namespace and every node is
 * deleted (grace period 0: no kubelet will confirm anything), so no contender sees another's
 * objects. The benchmark therefore runs only on a control plane of its own.
 *
 * @param nodes how many nodes
 * @param pods how many pods
 * @param workers concurrent create requests
 * @param permitDelays whether pod names end in their number (NodeNumber then holds most of them)
 */
record Workload(int nodes, int pods, int workers, boolean permitDelays) {
  static final String NAMESPACE = "default";

  /** How long creating took, and pod name → when its create request was sent ({@link System#nanoTime}). */
  record Created(Duration nodesTook, Duration podsTook, Map<String, Long> podCreatedAt) {}

  String namespace() {
    return NAMESPACE;
  }

  String podName(int i) {
    return permitDelays ? "pod" + i : "pod" + i + "-0";
  }

  String nodeName(int i) {
    return "node" + i;
  }

  /** Deletes every pod in the namespace and every node, and waits until they are gone. */
  void clear(CoreV1Api api) throws ApiException, InterruptedException {
    ClusterReset.clear(api, NAMESPACE);
  }

  /** Creates the nodes, then the pods, {@code workers} requests at a time. */
  Created create(CoreV1Api api, String schedulerName) throws InterruptedException {
    long start = System.nanoTime();
    Parallel.forEachIndex(workers, nodes, "create-node", i -> createNode(api, nodeName(i)));
    long nodesDone = System.nanoTime();
    Map<String, Long> createdAt = new ConcurrentHashMap<>();
    Parallel.forEachIndex(workers, pods, "create-pod", i -> {
      createdAt.put(podName(i), System.nanoTime());
      createPod(api, podName(i), schedulerName);
    });
    return new Created(Duration.ofNanos(nodesDone - start), Duration.ofNanos(System.nanoTime() - nodesDone),
        Map.copyOf(createdAt));
  }

  private static void createNode(CoreV1Api api, String name) {
    try {
      api.createNode(NodeTemplate.node(name).toNode()).execute();
    } catch (ApiException e) {
      throw ApiErrors.refused("create node " + name, e);
    }
  }

  private static void createPod(CoreV1Api api, String name, String schedulerName) {
    try {
      api.createNamespacedPod(NAMESPACE, PodTemplate.pod(name).toPod(NAMESPACE, schedulerName)).execute();
    } catch (ApiException e) {
      throw ApiErrors.refused("create pod " + name, e);
    }
  }
}
