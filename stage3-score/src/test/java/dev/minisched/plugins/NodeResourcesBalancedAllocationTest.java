package dev.minisched.plugins;

import static dev.minisched.framework.Fixtures.container;
import static dev.minisched.framework.Fixtures.node;
import static dev.minisched.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.ScoreResult;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases and numbers from upstream v1.34's TestNodeResourcesBalancedAllocation
 * (noderesources/balanced_allocation_test.go); test names are upstream's case names. Nodes are
 * upstream's {@code makeNode(name, milliCPU, memory, scalars)}.
 */
class NodeResourcesBalancedAllocationTest {
  private static NodeInfo nodeInfo(V1Node node, V1Pod... podsOnIt) {
    return NodeInfo.of(node, List.of(podsOnIt));
  }

  private static final List<ResourceSpec> CPU_MEMORY_GPU = List.of(
      new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1), new ResourceSpec("nvidia.com/gpu", 1));

  private final NodeResourcesBalancedAllocation plugin = new NodeResourcesBalancedAllocation();

  /** Upstream's cpuOnly spec: 1000m + 2000m cpu, memory explicitly 0. */
  static V1Pod cpuOnly() {
    return pod("pod", container("cpu", "1000m", "memory", "0"), container("cpu", "2000m", "memory", "0"));
  }

  /** Upstream's cpuAndMemory spec: 1000m + 2000m cpu, 2000 + 3000 bytes memory. */
  static V1Pod cpuAndMemory() {
    return pod("pod", container("cpu", "1000m", "memory", "2000"), container("cpu", "2000m", "memory", "3000"));
  }

  static V1Pod cpuAndMemoryAndGpu() {
    return pod("pod", container("cpu", "1000m", "memory", "2000"), container("cpu", "2000m", "memory", "3000", "nvidia.com/gpu", "3"));
  }

  private static long score(NodeResourcesBalancedAllocation plugin, V1Pod pod, NodeInfo node) {
    ScoreResult result = plugin.score(new CycleState(), pod, node);
    assertThat(result.status().isSuccess()).isTrue();
    return result.score();
  }

  private long score(V1Pod pod, NodeInfo node) {
    return score(plugin, pod, node);
  }

  @Test
  void nothingScheduledNothingRequested_bestEffortScoresZeroEverywhere() {
    // Upstream v1.34: PreScore returns Skip for a best-effort pod; Score without PreScore gives 0.
    assertThat(score(pod("pod"), nodeInfo(node("node1", "cpu", "4000m", "memory", "10000")))).isZero();
    assertThat(score(pod("pod"), nodeInfo(node("node2", "cpu", "4000m", "memory", "10000")))).isZero();
  }

  @Test
  void nothingScheduledResourcesRequestedDifferentlySizedNodes() {
    // cpu 3000/4000 = .75, memory 5000/10000 = .5: std .125 → 87; node2: both .5 → 100
    assertThat(score(cpuAndMemory(), nodeInfo(node("node1", "cpu", "4000m", "memory", "10000")))).isEqualTo(87);
    assertThat(score(cpuAndMemory(), nodeInfo(node("node2", "cpu", "6000m", "memory", "10000")))).isEqualTo(100);
  }

  @Test
  void resourcesRequestedPodsScheduledWithResources() {
    assertThat(score(cpuAndMemory(), nodeInfo(node("node1", "cpu", "10000m", "memory", "20000"), cpuOnly()))).isEqualTo(82);
    assertThat(score(cpuAndMemory(), nodeInfo(node("node2", "cpu", "10000m", "memory", "20000"), cpuAndMemory())))
        .isEqualTo(95);
  }

  @Test
  void resourcesRequestedPodsScheduledWithResourcesDifferentlySizedNodes() {
    assertThat(score(cpuAndMemory(), nodeInfo(node("node1", "cpu", "10000m", "memory", "20000"), cpuOnly()))).isEqualTo(82);
    assertThat(score(cpuAndMemory(), nodeInfo(node("node2", "cpu", "10000m", "memory", "50000"), cpuAndMemory())))
        .isEqualTo(80);
  }

  @Test
  void requestedResourcesAtNodeCapacity() {
    assertThat(score(cpuOnly(), nodeInfo(node("node1", "cpu", "6000m", "memory", "10000"), cpuOnly()))).isEqualTo(50);
    assertThat(score(cpuOnly(), nodeInfo(node("node2", "cpu", "6000m", "memory", "10000"), cpuAndMemory()))).isEqualTo(75);
  }

  @Test
  void includeScalarResourceOnANodeForBalancedResourceAllocation() {
    NodeResourcesBalancedAllocation withGpu = new NodeResourcesBalancedAllocation(CPU_MEMORY_GPU);
    V1Pod pod = pod("pod", container("memory", "0", "nvidia.com/gpu", "1"));
    String[] gpuNode = {"cpu", "3500m", "memory", "40000", "nvidia.com/gpu", "8"};
    assertThat(score(withGpu, pod, nodeInfo(node("node1", gpuNode), cpuAndMemoryAndGpu()))).isEqualTo(70);
    assertThat(score(withGpu, pod, nodeInfo(node("node2", gpuNode), cpuAndMemory()))).isEqualTo(65);
  }

  @Test
  void nodeWithoutTheScalarResourceShouldSkipTheScalarResource() {
    NodeResourcesBalancedAllocation withGpu = new NodeResourcesBalancedAllocation(CPU_MEMORY_GPU);
    assertThat(score(withGpu, cpuAndMemory(), nodeInfo(node("node1", "cpu", "3500m", "memory", "40000", "nvidia.com/gpu", "8"))))
        .isEqualTo(63);
    assertThat(score(withGpu, cpuAndMemory(), nodeInfo(node("node2", "cpu", "3500m", "memory", "40000")))).isEqualTo(63);
  }
}
