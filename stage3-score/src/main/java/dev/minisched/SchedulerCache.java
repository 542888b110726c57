package dev.minisched;

import dev.minisched.framework.NodeInfo;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler's view of the cluster: one {@link NodeInfo} per node, with the pods assigned to
 * it and what they request. Upstream: the scheduler's internal cache (pkg/scheduler/backend/cache,
 * {@code cacheImpl}), which the informer handlers keep current and each scheduling cycle
 * snapshots.
 *
 * <p>Incremental: a pod or node event replaces one NodeInfo, at a cost that grows with the pods on
 * that node only; {@link #snapshot} copies one reference per node. So a cycle costs the same
 * whether the cluster runs a hundred pods or a hundred thousand.
 *
 * <p>Which pods count: those with {@code spec.nodeName} set and not terminated (Succeeded or
 * Failed), whoever scheduled them; a pod being deleted still counts until it is gone. A pod may
 * arrive before its node (two watches, either order): its NodeInfo then has no node, is left out
 * of snapshots, and gets the node when it comes. A deleted node's NodeInfo stays, without the
 * node, as long as pods are still assigned to it.
 *
 * <p>Threads: the informers' threads call the add/update/remove methods (pod events and node
 * events come on different threads); the scheduling thread calls {@link #snapshot} and
 * {@link #addBoundPod}. Every method holds this object's monitor; none calls out while holding it.
 */
final class SchedulerCache {
  /** How many deleted pods' UIDs are remembered; see {@link #addBoundPod}. */
  private static final int DELETED_MEMORY = 10_000;

  // All guarded by this.
  /** By node name, in the order the nodes (or their first pods) arrived. */
  private final Map<String, NodeInfo> nodeInfos = new LinkedHashMap<>();
  /** Pod UID to the node it is counted on: finds the NodeInfo to change on an update or delete. */
  private final Map<String, String> podNodes = new HashMap<>();
  /** UIDs of pods deleted lately, oldest first. */
  private final Map<String, Boolean> recentlyDeleted = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > DELETED_MEMORY;
    }
  };

  // ---- pods ----

  synchronized void addPod(V1Pod pod) {
    if (!Pods.isAssigned(pod)) {
      return; // on no node yet; a binding of ours that the informer has not reported yet stays
    }
    if (Pods.isTerminal(pod)) {
      forget(pod);
      return;
    }
    place(pod, pod.getSpec().getNodeName());
  }

  /** A newer version of the pod: bound now, finished now, or just changed. */
  synchronized void updatePod(V1Pod oldPod, V1Pod newPod) {
    addPod(newPod);
  }

  synchronized void removePod(V1Pod pod) {
    forget(pod);
    recentlyDeleted.put(pod.getMetadata().getUid(), Boolean.TRUE);
  }

  /**
   * The API server has bound the pod to the node. Counted at once, so that the next cycle does not
   * offer the same room again before the informer reports the binding (which then replaces this
   * version of the pod by its own). Unless the pod was deleted meanwhile: its delete may have
   * overtaken the binding's reply, and counting it now would hold its room for ever.
   */
  synchronized void addBoundPod(V1Pod pod, String nodeName) {
    String uid = pod.getMetadata().getUid();
    if (!recentlyDeleted.containsKey(uid) && !podNodes.containsKey(uid)) {
      place(pod, nodeName);
    }
  }

  private void place(V1Pod pod, String nodeName) {
    forget(pod);
    nodeInfos.compute(nodeName, (name, info) -> (info == null ? new NodeInfo(null) : info).withPod(pod));
    podNodes.put(pod.getMetadata().getUid(), nodeName);
  }

  private void forget(V1Pod pod) {
    String nodeName = podNodes.remove(pod.getMetadata().getUid());
    if (nodeName == null) {
      return;
    }
    NodeInfo rest = nodeInfos.get(nodeName).withoutPod(pod);
    if (rest.node() == null && rest.pods().isEmpty()) {
      nodeInfos.remove(nodeName);
    } else {
      nodeInfos.put(nodeName, rest);
    }
  }

  // ---- nodes ----

  synchronized void addNode(V1Node node) {
    nodeInfos.compute(node.getMetadata().getName(),
        (name, info) -> info == null ? new NodeInfo(node) : info.withNode(node));
  }

  synchronized void updateNode(V1Node oldNode, V1Node newNode) {
    addNode(newNode);
  }

  synchronized void removeNode(V1Node node) {
    nodeInfos.computeIfPresent(node.getMetadata().getName(),
        (name, info) -> info.pods().isEmpty() ? null : info.withNode(null));
  }

  // ---- reading ----

  /**
   * The nodes as they are now, with their pods: what one scheduling cycle works on. The NodeInfos
   * are immutable, so later events do not change a snapshot already taken.
   */
  synchronized List<NodeInfo> snapshot() {
    List<NodeInfo> nodes = new ArrayList<>(nodeInfos.size());
    for (NodeInfo info : nodeInfos.values()) {
      if (info.node() != null) {
        nodes.add(info);
      }
    }
    return nodes;
  }

  /**
   * Whether the handlers have brought these nodes and pods (an informer's list) into the cache.
   * An informer reports synced once its own store holds the initial list; its handlers, which feed
   * this cache on another thread, may still be working through it. Upstream waits for them too
   * (WaitForHandlersSync) before the first cycle.
   */
  synchronized boolean holds(List<V1Node> nodes, List<V1Pod> pods) {
    for (V1Node node : nodes) {
      NodeInfo info = nodeInfos.get(node.getMetadata().getName());
      if (info == null || info.node() == null) {
        return false;
      }
    }
    for (V1Pod pod : pods) {
      if (Pods.isAssigned(pod) && !Pods.isTerminal(pod) && !podNodes.containsKey(pod.getMetadata().getUid())) {
        return false;
      }
    }
    return true;
  }

  /** One node's info, with or without its node; for tests and logs. */
  synchronized Optional<NodeInfo> nodeInfo(String nodeName) {
    return Optional.ofNullable(nodeInfos.get(nodeName));
  }
}
