package dev.minisched;

import dev.minisched.framework.NodeInfo;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * <p>Assumed pods: the scheduling cycle counts a pod on its node as soon as it picks the node
 * ({@link #assumePod}), before the binding cycle binds it on another thread, so the next pod's
 * cycle does not offer the same room again. The informer's report of the binding confirms the
 * pod; a binding cycle that fails takes it back ({@link #forgetPod}). Upstream: AssumePod,
 * FinishBinding and ForgetPod.
 *
 * <p>Threads: the informers' threads call the add/update/remove methods (pod events and node
 * events come on different threads); the scheduling thread calls {@link #snapshot} and
 * {@link #assumePod}; binding threads call {@link #forgetPod}. Every method holds this object's
 * monitor; none calls out while holding it.
 */
final class SchedulerCache {
  /** How many deleted pods' UIDs are remembered; see {@link #assumePod}. */
  private static final int DELETED_MEMORY = 10_000;

  // All guarded by this.
  /** By node name, in the order the nodes (or their first pods) arrived. */
  private final Map<String, NodeInfo> nodeInfos = new LinkedHashMap<>();
  /** Pod UID to the node it is counted on: finds the NodeInfo to change on an update or delete. */
  private final Map<String, String> podNodes = new HashMap<>();
  /** UIDs of the pods counted on the strength of {@link #assumePod} alone, not yet confirmed. */
  private final Set<String> assumed = new HashSet<>();
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
      return; // on no node yet; a pod we assumed stays assumed
    }
    assumed.remove(pod.getMetadata().getUid()); // bound, by us or not: the informer is the truth now
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
    assumed.remove(pod.getMetadata().getUid());
    forget(pod);
    recentlyDeleted.put(pod.getMetadata().getUid(), Boolean.TRUE);
  }

  /**
   * The scheduling cycle chose this node for the pod: count it there now, before it is bound.
   * Unless the pod was deleted meanwhile (counting it would hold its room for ever) or is already
   * counted.
   */
  synchronized void assumePod(V1Pod pod, String nodeName) {
    String uid = pod.getMetadata().getUid();
    if (!recentlyDeleted.containsKey(uid) && !podNodes.containsKey(uid)) {
      place(pod, nodeName);
      assumed.add(uid);
    }
  }

  /** The pod will not be bound after all (rejected at permit, binding failed): its room is free again. */
  synchronized void forgetPod(V1Pod pod) {
    if (assumed.remove(pod.getMetadata().getUid())) {
      forget(pod);
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
