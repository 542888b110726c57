package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the scheduler knows about one node: the node, the pods assigned to it, what those pods
 * request in sum, and what the node offers. Upstream: {@code framework.NodeInfo} in
 * pkg/scheduler/framework/types.go, which also tracks host ports, images and volumes.
 *
 * <p>Immutable. The scheduler's cache replaces a node's NodeInfo whenever the node or one of its
 * pods changes ({@link #withPod}, {@link #withoutPod}, {@link #withNode}); a scheduling cycle's
 * snapshot is then just the list of current NodeInfos, costing one reference per node however
 * many pods the cluster runs. Upstream gets the same effect with mutable NodeInfos, a generation
 * counter and an incremental snapshot.
 *
 * @param node the node; null only inside the cache, for pods whose node it has not seen (yet)
 * @param pods the pods assigned to the node ({@code spec.nodeName}) and not terminated, whoever
 *     scheduled them; their number is what "Too many pods" counts
 * @param requested the sum of the pods' {@link PodRequests#of requests}
 * @param nonZeroRequested the same with defaults for unset cpu and memory ({@link PodRequests#nonZero})
 * @param allocatable what the node offers pods: {@code status.allocatable}
 */
public record NodeInfo(V1Node node, List<V1Pod> pods, Resource requested, Resource nonZeroRequested,
    Resource allocatable) {

  public NodeInfo {
    pods = List.copyOf(pods);
    Objects.requireNonNull(requested);
    Objects.requireNonNull(nonZeroRequested);
    Objects.requireNonNull(allocatable);
  }

  /** A node with no pods on it. */
  public NodeInfo(V1Node node) {
    this(node, List.of(), Resource.EMPTY, Resource.EMPTY, allocatableOf(node));
  }

  /** The node and these pods on it, with their requests summed. */
  public static NodeInfo of(V1Node node, List<V1Pod> pods) {
    NodeInfo info = new NodeInfo(node);
    for (V1Pod pod : pods) {
      info = info.withPod(pod);
    }
    return info;
  }

  public String name() {
    return node.getMetadata().getName();
  }

  /** This node with one more pod on it. */
  public NodeInfo withPod(V1Pod pod) {
    List<V1Pod> more = new ArrayList<>(pods.size() + 1);
    more.addAll(pods);
    more.add(pod);
    return new NodeInfo(node, more, requested.plus(PodRequests.of(pod)),
        nonZeroRequested.plus(PodRequests.nonZero(pod)), allocatable);
  }

  /**
   * This node without the pod with that pod's UID; unchanged if it has no such pod. What is
   * subtracted is what the pod on the node requested when it was added.
   */
  public NodeInfo withoutPod(V1Pod pod) {
    String uid = pod.getMetadata().getUid();
    List<V1Pod> rest = new ArrayList<>(pods.size());
    V1Pod removed = null;
    for (V1Pod p : pods) {
      if (removed == null && Objects.equals(p.getMetadata().getUid(), uid)) {
        removed = p;
      } else {
        rest.add(p);
      }
    }
    if (removed == null) {
      return this;
    }
    return new NodeInfo(node, rest, requested.minus(PodRequests.of(removed)),
        nonZeroRequested.minus(PodRequests.nonZero(removed)), allocatable);
  }

  /** The same pods on a newer version of the node (its allocatable read again). */
  public NodeInfo withNode(V1Node newNode) {
    return new NodeInfo(newNode, pods, requested, nonZeroRequested, allocatableOf(newNode));
  }

  private static Resource allocatableOf(V1Node node) {
    return node == null || node.getStatus() == null
        ? Resource.EMPTY : Resource.fromList(node.getStatus().getAllocatable());
  }

  @Override
  public String toString() {
    return "NodeInfo{" + (node == null ? "<no node>" : name()) + ", pods=" + pods.size()
        + ", requested=" + requested + ", allocatable=" + allocatable + "}";
  }
}
