package dev.minisched.plugins;

import static dev.minisched.framework.Fixtures.container;
import static dev.minisched.framework.Fixtures.node;
import static dev.minisched.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.ScoreResult;
import dev.minisched.scenarios.config.PluginArgs;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NodeResourcesFit's MostAllocated score, configured through its args as a profile does. Cases and
 * numbers from upstream v1.34's TestMostAllocatedScoringStrategy
 * (noderesources/most_allocated_test.go); test names are upstream's case names. Upstream's
 * quantities have no unit, so "cpu=4000" is 4000 cores: only the ratios matter.
 */
class MostAllocatedTest {
  private static final Map<String, Object> DEFAULT_RESOURCES = Map.of("type", "MostAllocated");

  /** A node offering this much cpu and memory, with these pods on it. */
  private static NodeInfo nodeInfo(String name, String cpu, String memory, V1Pod... podsOnIt) {
    return NodeInfo.of(node(name, "cpu", cpu, "memory", memory), List.of(podsOnIt));
  }

  private static long score(Map<String, Object> strategy, V1Pod pod, NodeInfo node) {
    NodeResourcesFit plugin = NodeResourcesFit.fromArgs(
        PluginArgs.of(NodeResourcesFit.NAME, Map.of("scoringStrategy", strategy)));
    ScoreResult result = plugin.score(new CycleState(), pod, node);
    assertThat(result.status().isSuccess()).isTrue();
    return result.score();
  }

  private static long score(V1Pod pod, NodeInfo node) {
    return score(DEFAULT_RESOURCES, pod, node);
  }

  private static V1Pod cpu3000memory5000() {
    return pod("pod", container("cpu", "1000", "memory", "2000"), container("cpu", "2000", "memory", "3000"));
  }

  private static V1Pod requesting(String cpu, String memory) {
    return pod("pod", container("cpu", cpu, "memory", memory));
  }

  @Test
  void nothingScheduledNothingRequested() {
    assertThat(score(pod("pod"), nodeInfo("node1", "4000", "10000"))).isZero();
  }

  @Test
  void nothingScheduledResourcesRequestedDifferentlySizedNodes() {
    // node1: cpu 3000*100/4000 = 75, memory 5000*100/10000 = 50 → 62
    assertThat(score(cpu3000memory5000(), nodeInfo("node1", "4000", "10000"))).isEqualTo(62);
    assertThat(score(cpu3000memory5000(), nodeInfo("node2", "6000", "10000"))).isEqualTo(50);
  }

  @Test
  void noResourcesRequestedPodsScheduledWithResources() {
    assertThat(score(pod("pod"), nodeInfo("node1", "10000", "20000",
        requesting("3000", "0"), requesting("3000", "0")))).isEqualTo(30);
    assertThat(score(pod("pod"), nodeInfo("node2", "10000", "20000",
        requesting("3000", "0"), requesting("3000", "5000")))).isEqualTo(42);
  }

  @Test
  void resourcesRequestedPodsScheduledWithResources() {
    assertThat(score(cpu3000memory5000(), nodeInfo("node1", "10000", "20000", requesting("3000", "0"))))
        .isEqualTo(42);
    assertThat(score(cpu3000memory5000(), nodeInfo("node2", "10000", "20000", requesting("3000", "5000"))))
        .isEqualTo(55);
  }

  @Test
  void resourcesRequestedEqualNodeCapacity() {
    V1Pod pod = pod("pod", container("cpu", "2000", "memory", "4000"), container("cpu", "3000", "memory", "5000"));
    assertThat(score(pod, nodeInfo("node1", "5000", "10000"))).isEqualTo(95);
    assertThat(score(pod, nodeInfo("node2", "10000", "9000"))).isEqualTo(75);
  }

  @Test
  void nothingScheduledResourcesRequestedDifferentlySizedNodesWeighted() {
    // (75 * 1 + 50 * 2) / 3 = 58 and (50 * 1 + 50 * 2) / 3 = 50
    Map<String, Object> weighted = Map.of("type", "MostAllocated", "resources",
        List.of(Map.of("name", "memory", "weight", 2), Map.of("name", "cpu", "weight", 1)));
    assertThat(score(weighted, cpu3000memory5000(), nodeInfo("node1", "4000", "10000"))).isEqualTo(58);
    assertThat(score(weighted, cpu3000memory5000(), nodeInfo("node2", "6000", "10000"))).isEqualTo(50);
  }

  @Test
  void noResourcesRequestedPodsScheduledNonzeroRequestForResource() {
    // Each container without requests counts 100m cpu and 200Mi memory: on node1 300m of 250m
    // (capped: 100) and 600Mi of 1000Mi (60) → 80; on node2 100m (40) and 200Mi (20) → 30.
    V1Pod pod = pod("pod", container());
    assertThat(score(pod, nodeInfo("node1", "250m", "1000Mi", pod("a", container()), pod("b", container()))))
        .isEqualTo(80);
    assertThat(score(pod, nodeInfo("node2", "250m", "1000Mi"))).isEqualTo(30);
  }
}
