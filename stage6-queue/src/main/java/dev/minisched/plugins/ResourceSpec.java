package dev.minisched.plugins;

import java.util.List;

/**
 * A resource that a resource-based score counts, and how much it counts. Upstream:
 * {@code config.ResourceSpec} in the NodeResourcesFit and NodeResourcesBalancedAllocation arguments.
 *
 * @param name a resource name as in a pod's requests: "cpu", "memory", "nvidia.com/gpu", …
 * @param weight how much this resource's part counts against the others' (LeastAllocated only;
 *     BalancedAllocation ignores weights, as upstream does)
 */
public record ResourceSpec(String name, long weight) {
  /** Upstream's default for both plugins: cpu and memory, weight 1 each. */
  public static final List<ResourceSpec> CPU_AND_MEMORY =
      List.of(new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1));
}
