package dev.minisched.plugins;

import dev.minisched.framework.Code;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.FilterPlugin;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.PodRequests;
import dev.minisched.framework.Resource;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps a pod off nodes that lack room for it: the node's allocatable minus what the pods already
 * on it request must cover what this pod requests, for cpu, memory, ephemeral-storage and every
 * extended resource it asks for; and the node must take one more pod. Upstream:
 * plugins/noderesources/fit.go (Filter; its scoring is stage 3's).
 *
 * <p>Requests, not usage, are counted: a node full of idle pods that asked for all its cpu is
 * full. A resource the pod does not request is not checked, even on an overcommitted node.
 */
public final class NodeResourcesFit implements FilterPlugin {
  public static final String NAME = "NodeResourcesFit";
  /** Upstream's reason when the node already holds {@code allocatable.pods} pods. */
  public static final String TOO_MANY_PODS = "Too many pods";

  /**
   * Upstream computes the pod's requests once per cycle in PreFilter and Filter reads them from
   * the CycleState. minisched has no PreFilter extension point, so the first Filter call of a
   * cycle computes them and leaves them in the CycleState for the other nodes.
   */
  private static final CycleState.Key<Resource> POD_REQUESTS =
      new CycleState.Key<>("PreFilter" + NAME, Resource.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    Resource podRequest = state.read(POD_REQUESTS).orElse(null);
    if (podRequest == null) {
      podRequest = PodRequests.of(pod);
      state.write(POD_REQUESTS, podRequest);
    }
    List<String> insufficient = insufficientResources(podRequest, nodeInfo);
    if (insufficient.isEmpty()) {
      return Status.SUCCESS;
    }
    // Unschedulable, not unresolvable: removing pods from the node (preemption) could make room.
    // Every missing resource is a reason of its own, and the FitError counts each.
    return new Status(Code.UNSCHEDULABLE, insufficient, null);
  }

  /**
   * The reasons the pod does not fit, in upstream's order: pods, cpu, memory, ephemeral-storage,
   * then the scalar resources (by name; upstream's order there is a Go map's). Empty if it fits.
   */
  static List<String> insufficientResources(Resource podRequest, NodeInfo nodeInfo) {
    List<String> reasons = new ArrayList<>(4);
    Resource allocatable = nodeInfo.allocatable();
    Resource requested = nodeInfo.requested();
    if (nodeInfo.pods().size() + 1 > allocatable.allowedPodNumber()) {
      reasons.add(TOO_MANY_PODS);
    }
    if (podRequest.milliCpu() == 0 && podRequest.memory() == 0 && podRequest.ephemeralStorage() == 0
        && podRequest.scalarResources().isEmpty()) {
      return reasons; // asks for nothing but a place
    }
    if (podRequest.milliCpu() > 0 && podRequest.milliCpu() > allocatable.milliCpu() - requested.milliCpu()) {
      reasons.add("Insufficient cpu");
    }
    if (podRequest.memory() > 0 && podRequest.memory() > allocatable.memory() - requested.memory()) {
      reasons.add("Insufficient memory");
    }
    if (podRequest.ephemeralStorage() > 0
        && podRequest.ephemeralStorage() > allocatable.ephemeralStorage() - requested.ephemeralStorage()) {
      reasons.add("Insufficient ephemeral-storage");
    }
    for (Map.Entry<String, Long> scalar : podRequest.scalarResources().entrySet()) {
      String name = scalar.getKey();
      if (scalar.getValue() > allocatable.scalar(name) - requested.scalar(name)) {
        reasons.add("Insufficient " + name);
      }
    }
    return reasons;
  }
}
