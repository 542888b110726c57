package dev.minisched.plugins;

import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.PodRequests;
import dev.minisched.framework.Resource;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;

/**
 * What the resource-based scores share: for each configured resource, what the node can allocate
 * and what would be requested on it with this pod added, handed to a {@link Formula}. Upstream:
 * {@code resourceAllocationScorer} in noderesources/resource_allocation.go, used by
 * NodeResourcesFit's score (formula {@link LeastAllocated}) and by
 * {@link NodeResourcesBalancedAllocation}.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param useRequested which requests count. {@code false} (NodeResourcesFit): a container without a
 *     cpu or memory request counts as 100m cpu and 200Mi memory ({@link PodRequests#nonZero}),
 *     because a pod that asks for nothing still uses something, and a node full of such pods should
 *     not look empty. {@code true} (BalancedAllocation): the requests as written.
 */
record ResourceAllocationScorer(List<ResourceSpec> resources, boolean useRequested, Formula formula) {

  /**
   * Turns per-resource amounts into a score in 0..100. Index i of both arrays is resource i of
   * {@link #resources}; a resource the node does not offer has 0 in both and is to be left out.
   */
  interface Formula {
    long score(long[] requested, long[] allocatable);
  }

  /** How one resource scores, in 0..100, from what would be requested of it and what the node can allocate. */
  interface ResourceScore {
    long score(long requested, long allocatable);
  }

  /**
   * The weighted mean of each resource's score, over the resources the node offers, in integer
   * division as upstream: how the least and the most allocated strategies combine resources
   * (upstream spells the same loop out in each of least_allocated.go and most_allocated.go).
   */
  static Formula weightedMean(List<ResourceSpec> resources, ResourceScore perResource) {
    List<ResourceSpec> specs = List.copyOf(resources);
    return (requested, allocatable) -> {
      long nodeScore = 0;
      long weightSum = 0;
      for (int i = 0; i < requested.length; i++) {
        if (allocatable[i] == 0) {
          continue;
        }
        long weight = specs.get(i).weight();
        nodeScore += perResource.score(requested[i], allocatable[i]) * weight;
        weightSum += weight;
      }
      return weightSum == 0 ? 0 : nodeScore / weightSum;
    };
  }

  ResourceAllocationScorer {
    resources = List.copyOf(resources);
  }

  /** The pod's request of each configured resource, in {@link #resources} order. */
  long[] podRequests(V1Pod pod) {
    Resource requests = PodRequests.of(pod);
    Resource cpuAndMemory = useRequested ? requests : PodRequests.nonZero(pod);
    long[] result = new long[resources.size()];
    for (int i = 0; i < result.length; i++) {
      String resource = resources.get(i).name();
      result[i] = isCpuOrMemory(resource) ? cpuAndMemory.get(resource) : requests.get(resource);
    }
    return result;
  }

  /** A pod that requests none of the configured resources: upstream's isBestEffortPod. */
  static boolean isBestEffort(long[] podRequests) {
    for (long request : podRequests) {
      if (request != 0) {
        return false;
      }
    }
    return true;
  }

  /** The formula's score for this node with the pod's requests added to what it already has. */
  long score(NodeInfo node, long[] podRequests) {
    long[] requested = new long[resources.size()];
    long[] allocatable = new long[resources.size()];
    for (int i = 0; i < requested.length; i++) {
      String resource = resources.get(i).name();
      long podRequest = podRequests[i];
      // An extended resource the pod does not ask for says nothing about how well it fits here.
      if (podRequest == 0 && Resource.isScalarResourceName(resource)) {
        continue;
      }
      allocatable[i] = allocatable(node, resource);
      if (allocatable[i] != 0) {
        requested[i] = requestedOnNode(node, resource) + podRequest;
      }
    }
    return formula.score(requested, allocatable);
  }

  private static long allocatable(NodeInfo node, String resource) {
    Resource allocatable = node.allocatable();
    return switch (resource) {
      case Resource.CPU, Resource.MEMORY, Resource.EPHEMERAL_STORAGE -> allocatable.get(resource);
      case Resource.PODS -> 0; // not a quantity pods request; upstream leaves it out of scores too
      default -> allocatable.scalar(resource);
    };
  }

  /** cpu and memory as {@link #useRequested} says; everything else as requested. */
  private long requestedOnNode(NodeInfo node, String resource) {
    Resource requested = isCpuOrMemory(resource) && !useRequested ? node.nonZeroRequested() : node.requested();
    return requested.get(resource);
  }

  private static boolean isCpuOrMemory(String resource) {
    return resource.equals(Resource.CPU) || resource.equals(Resource.MEMORY);
  }
}
