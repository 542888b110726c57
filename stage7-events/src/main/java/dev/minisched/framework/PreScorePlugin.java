package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;

/**
 * PreScore plugins do, once per scheduling cycle, the work that Score would otherwise repeat for
 * every node: they look at the pod (and the feasible nodes) and leave the result in the
 * {@link CycleState} for their own Score to read. Upstream: {@code PreScorePlugin}.
 *
 * <p>When: after the filter phase, with the list of feasible nodes, before any Score call — and,
 * like Score, not at all when only one node is feasible.
 *
 * <p>Results:
 * <ul>
 *   <li>{@link Code#SUCCESS}: its Score runs for every feasible node.
 *   <li>{@link Code#SKIP}: the plugin has nothing to say about this pod; its Score is skipped for
 *       this cycle (upstream's SkipScorePlugins).
 *   <li>{@link Code#ERROR}: the cycle fails for this pod.
 * </ul>
 */
public interface PreScorePlugin extends Plugin {
  Status preScore(CycleState state, V1Pod pod, List<NodeInfo> nodes);
}
