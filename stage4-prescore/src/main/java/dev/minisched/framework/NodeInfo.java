package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.List;

/** TEMPORARY stub of helper D's contract class (NODEINFO_CONTRACT.md); replaced by D's version. */
public record NodeInfo(V1Node node, List<V1Pod> pods, Resource requested, Resource nonZeroRequested,
    Resource allocatable) {

  public NodeInfo(V1Node node) {
    this(node, List.of(), Resource.EMPTY, Resource.EMPTY,
        Resource.fromList(node.getStatus() == null ? null : node.getStatus().getAllocatable()));
  }

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

  public NodeInfo withPod(V1Pod pod) {
    List<V1Pod> p = new ArrayList<>(pods);
    p.add(pod);
    return new NodeInfo(node, List.copyOf(p), requested.plus(PodRequests.of(pod)),
        nonZeroRequested.plus(PodRequests.nonZero(pod)), allocatable);
  }
}
