package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Pod;

/**
 * Filter plugins decide whether a pod can run on a node at all. Upstream: {@code FilterPlugin}.
 *
 * <p>When: in each scheduling cycle, for every node, after the node list is taken and before any
 * scoring. The framework runs the filter plugins in order on a node and stops at the first that
 * does not return success; a node where all of them succeed is <em>feasible</em>.
 *
 * <p>Results:
 * <ul>
 *   <li>{@link Code#SUCCESS}: the pod may run on this node, as far as this plugin knows.
 *   <li>{@link Code#UNSCHEDULABLE} or {@link Code#UNSCHEDULABLE_AND_UNRESOLVABLE}: it may not;
 *       the reasons say why, and are counted in the FailedScheduling message if no node fits.
 *   <li>{@link Code#ERROR}: the plugin could not decide; the whole cycle fails for this pod.
 * </ul>
 *
 * <p>Filter may run for many nodes at once in upstream; it must not change the pod, the node or
 * anything shared, and may only read from the {@link CycleState}.
 */
public interface FilterPlugin extends Plugin {
  Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo);
}
