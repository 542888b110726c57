package dev.minisched.plugins;

import static dev.minisched.framework.Fixtures.container;
import static dev.minisched.framework.Fixtures.node;
import static dev.minisched.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.ScoreResult;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NodeResourcesFit's LeastAllocated score. Cases and numbers from upstream v1.34's
 * TestLeastAllocatedScoringStrategy (noderesources/least_allocated_test.go); test names are
 * upstream's case names. Upstream's quantities have no unit, so "cpu=4000" is 4000 cores: only
 * the ratios matter.
 */
class LeastAllocatedTest {
  private static NodeInfo nodeInfo(V1Node node, V1Pod... podsOnIt) {
    return NodeInfo.of(node, List.of(podsOnIt));
  }

  /** A node offering this much cpu and memory, with these pods on it. */
  private static NodeInfo nodeInfo(String name, String cpu, String memory, V1Pod... podsOnIt) {
    return nodeInfo(node(name, "cpu", cpu, "memory", memory), podsOnIt);
  }

  private static final String EXTENDED = "abc.com/xyz";

  private static long score(List<ResourceSpec> resources, V1Pod pod, NodeInfo node) {
    NodeResourcesFit plugin = new NodeResourcesFit(resources);
    CycleState state = new CycleState();
    assertThat(plugin.preScore(state, pod, List.of(node))).isEqualTo(Status.SUCCESS);
    ScoreResult result = plugin.score(state, pod, node);
    assertThat(result.status().isSuccess()).isTrue();
    return result.score();
  }

  private static long score(V1Pod pod, NodeInfo node) {
    return score(ResourceSpec.CPU_AND_MEMORY, pod, node);
  }

  /** A pod with one container requesting this much cpu and memory. */
  private static V1Pod requesting(String cpu, String memory) {
    return pod("pod", container("cpu", cpu, "memory", memory));
  }

  private static V1Pod cpu3000memory5000() {
    return pod("pod", container("cpu", "1000", "memory", "2000"), container("cpu", "2000", "memory", "3000"));
  }

  @Test
  void nothingScheduledNothingRequested() {
    assertThat(score(pod("pod"), nodeInfo("node1", "4000", "10000"))).isEqualTo(100);
    assertThat(score(pod("pod"), nodeInfo("node2", "4000", "10000"))).isEqualTo(100);
  }

  @Test
  void nothingScheduledResourcesRequestedDifferentlySizedNodes() {
    // node1: cpu (4000-3000)*100/4000 = 25, memory (10000-5000)*100/10000 = 50 → 37
    assertThat(score(cpu3000memory5000(), nodeInfo("node1", "4000", "10000"))).isEqualTo(37);
    assertThat(score(cpu3000memory5000(), nodeInfo("node2", "6000", "10000"))).isEqualTo(50);
  }

  @Test
  void noResourcesRequestedPodsScheduled() {
    // Pods without containers request nothing, not even the 100m/200Mi defaults, which are per container.
    assertThat(score(pod("pod"), nodeInfo("node1", "4000", "10000", pod("pod"), pod("pod")))).isEqualTo(100);
    assertThat(score(pod("pod"), nodeInfo("node2", "4000", "10000", pod("pod"), pod("pod")))).isEqualTo(100);
  }

  @Test
  void noResourcesRequestedPodsScheduledWithResources() {
    // An explicit memory request of 0 stays 0: the defaults fill in only what is missing.
    assertThat(score(pod("pod"), nodeInfo("node1", "10000", "20000",
        requesting("3000", "0"), requesting("3000", "0")))).isEqualTo(70);
    assertThat(score(pod("pod"), nodeInfo("node2", "10000", "20000",
        requesting("3000", "0"), requesting("3000", "5000")))).isEqualTo(57);
  }

  @Test
  void resourcesRequestedPodsScheduledWithResources() {
    assertThat(score(cpu3000memory5000(),
        nodeInfo("node1", "10000", "20000", requesting("3000", "0")))).isEqualTo(57);
    assertThat(score(cpu3000memory5000(),
        nodeInfo("node2", "10000", "20000", requesting("3000", "5000")))).isEqualTo(45);
  }

  @Test
  void resourcesRequestedPodsScheduledWithResourcesDifferentlySizedNodes() {
    assertThat(score(cpu3000memory5000(),
        nodeInfo("node1", "10000", "20000", requesting("3000", "0")))).isEqualTo(57);
    assertThat(score(cpu3000memory5000(),
        nodeInfo("node2", "10000", "50000", requesting("3000", "5000")))).isEqualTo(60);
  }

  @Test
  void requestedResourcesExceedNodeCapacity() {
    V1Pod pod = requesting("3000", "0");
    assertThat(score(pod, nodeInfo("node1", "4000", "10000", requesting("3000", "0")))).isEqualTo(50);
    assertThat(score(pod, nodeInfo("node2", "4000", "10000", requesting("3000", "5000"))))
        .isEqualTo(25);
  }

  @Test
  void scoreWithoutPreScoreComputesTheRequestsItself() {
    NodeResourcesFit plugin = new NodeResourcesFit();
    assertThat(plugin.score(new CycleState(), cpu3000memory5000(),
        nodeInfo("node1", "4000", "10000")).score()).isEqualTo(37);
  }

  @Test
  void scoreReadsTheRequestsPreScoreLeftInTheCycleState() {
    NodeResourcesFit plugin = new NodeResourcesFit();
    CycleState state = new CycleState();
    plugin.preScore(state, cpu3000memory5000(), List.of());
    assertThat(state.read(NodeResourcesFit.PRE_SCORE_STATE).orElseThrow().podRequests())
        .containsExactly(3_000_000, 5000);
    assertThat(plugin.score(state, pod("pod"),
        nodeInfo("node1", "4000", "10000")).score()).isEqualTo(37);
  }

  @Test
  void zeroNodeResourcesPodsScheduledWithResources() {
    assertThat(score(pod("pod"), nodeInfo(node("node1"), requesting("3000", "0")))).isZero();
    assertThat(score(pod("pod"), nodeInfo(node("node2"), requesting("3000", "5000")))).isZero();
  }

  @Test
  void nothingScheduledResourcesRequestedWithDifferentWeightOnCpuAndMemoryDifferentlySizedNodes() {
    List<ResourceSpec> memoryTwice = List.of(new ResourceSpec("memory", 2), new ResourceSpec("cpu", 1));
    // node1: (25 * 1 + 50 * 2) / 3 = 41
    assertThat(score(memoryTwice, cpu3000memory5000(), nodeInfo("node1", "4000", "10000")))
        .isEqualTo(41);
    assertThat(score(memoryTwice, cpu3000memory5000(), nodeInfo("node2", "6000", "10000")))
        .isEqualTo(50);
  }

  @Test
  void bypassExtendedResourceIfThePodDoesNotRequest() {
    List<ResourceSpec> withExtended = List.of(
        new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1), new ResourceSpec(EXTENDED, 1));
    assertThat(score(withExtended, cpu3000memory5000(), nodeInfo("node1", "6000", "10000")))
        .isEqualTo(50);
    assertThat(score(withExtended, cpu3000memory5000(),
        nodeInfo(node("node2", "cpu", "6000", "memory", "10000", EXTENDED, "4")))).isEqualTo(50);
  }

  @Test
  void honorExtendedResourceIfThePodRequests() {
    List<ResourceSpec> withExtended = List.of(
        new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1), new ResourceSpec(EXTENDED, 1));
    V1Pod pod = pod("pod", container("cpu", "3000", "memory", "5000", EXTENDED, "2"));
    assertThat(score(withExtended, pod, nodeInfo(node("node1", "cpu", "6000", "memory", "10000", EXTENDED, "4"))))
        .isEqualTo(50);
    assertThat(score(withExtended, pod, nodeInfo(node("node2", "cpu", "6000", "memory", "10000", EXTENDED, "10"))))
        .isEqualTo(60);
  }

  @Test
  void ifTheNodeDoesNotHaveAResource() {
    List<ResourceSpec> extendedFirst = List.of(
        new ResourceSpec(EXTENDED, 2), new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1));
    V1Pod pod = requesting("3000", "4000");
    assertThat(score(extendedFirst, pod, nodeInfo("node1", "6000", "10000"))).isEqualTo(55);
    assertThat(score(extendedFirst, pod, nodeInfo(node("node2", "cpu", "6000", "memory", "10000", EXTENDED, "4"))))
        .isEqualTo(55);
  }
}
