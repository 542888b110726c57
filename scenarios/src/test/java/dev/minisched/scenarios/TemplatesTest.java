package dev.minisched.scenarios;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAffinity;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1Taint;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  @Test
  void nodeCarriesItsSpecAndAReadyStatus() {
    V1Node n = node("node3").unschedulable().label("zone", "a")
        .taint("dedicated", "gpu", "NoSchedule").capacity("cpu", "8").toNode();
    assertThat(n.getMetadata().getName()).isEqualTo("node3");
    assertThat(n.getMetadata().getLabels()).containsEntry("zone", "a")
        .containsEntry("kubernetes.io/hostname", "node3");
    assertThat(n.getSpec().getUnschedulable()).isTrue();
    assertThat(n.getSpec().getTaints()).singleElement()
        .satisfies(t -> assertThat(t.getEffect()).isEqualTo("NoSchedule"));
    assertThat(n.getStatus().getCapacity().get("cpu").toSuffixedString()).isEqualTo("8");
    assertThat(n.getStatus().getAllocatable()).containsKeys("cpu", "memory", "pods");
    assertThat(n.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo("True");
    });
  }

  @Test
  void schedulableNodeLeavesUnschedulableUnset() {
    assertThat(node("node0").toNode().getSpec().getUnschedulable()).isNull();
  }

  @Test
  void podAsksForTheSchedulerUnderTestUnlessToldOtherwise() {
    V1Pod p = pod("pod1").tolerate("node.kubernetes.io/unschedulable", "NoSchedule")
        .requests("cpu", "500m").toPod("default", "minisched");
    assertThat(p.getSpec().getSchedulerName()).isEqualTo("minisched");
    assertThat(p.getMetadata().getNamespace()).isEqualTo("default");
    assertThat(p.getSpec().getTolerations()).singleElement()
        .satisfies(t -> assertThat(t.getOperator()).isEqualTo("Exists"));
    assertThat(p.getSpec().getContainers().get(0).getResources().getRequests()).containsKey("cpu");
    assertThat(pod("other").schedulerName("default-scheduler").toPod("ns", "minisched")
        .getSpec().getSchedulerName()).isEqualTo("default-scheduler");
  }

  @Test
  void allocatableDefaultsToCapacityButCanBeLess() {
    V1Node n = node("node1").capacity("cpu", "4").allocatable("cpu", "3500m")
        .capacity("nvidia.com/gpu", "2").toNode();
    assertThat(n.getStatus().getCapacity().get("cpu").toSuffixedString()).isEqualTo("4");
    assertThat(n.getStatus().getAllocatable().get("cpu").toSuffixedString()).isEqualTo("3500m");
    assertThat(n.getStatus().getAllocatable().get("nvidia.com/gpu").toSuffixedString()).isEqualTo("2");
    assertThat(n.getStatus().getAllocatable().get("memory").toSuffixedString()).isEqualTo("16Gi");
  }

  @Test
  void taintsWithAndWithoutValueAndAnyEffect() {
    List<V1Taint> taints = node("node1").taint("gpu", "PreferNoSchedule")
        .taint("dedicated", "batch", "NoExecute").toNode().getSpec().getTaints();
    assertThat(taints).extracting(V1Taint::getKey, V1Taint::getValue, V1Taint::getEffect)
        .containsExactly(tuple("gpu", null, "PreferNoSchedule"), tuple("dedicated", "batch", "NoExecute"));
  }

  @Test
  void tolerationsWithEveryOperator() {
    V1Toleration forFiveMinutes = new V1Toleration().key("node.kubernetes.io/unreachable")
        .operator("Exists").effect("NoExecute").tolerationSeconds(300L);
    List<V1Toleration> tolerations = pod("pod1").tolerate("gpu", "NoSchedule")
        .tolerate("dedicated", "batch", "NoSchedule").tolerate(forFiveMinutes)
        .toPod("default", "minisched").getSpec().getTolerations();
    assertThat(tolerations).extracting(V1Toleration::getKey, V1Toleration::getOperator,
            V1Toleration::getValue, V1Toleration::getEffect, V1Toleration::getTolerationSeconds)
        .containsExactly(
            tuple("gpu", "Exists", null, "NoSchedule", null),
            tuple("dedicated", "Equal", "batch", "NoSchedule", null),
            tuple("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 300L));
  }

  @Test
  void nodeSelectorAndRequiredAndPreferredNodeAffinity() {
    V1Pod p = pod("pod1").nodeSelector("topology.kubernetes.io/zone", "zone-a")
        .requiredNodeAffinity("disk", "In", "ssd", "nvme")
        .requiredNodeAffinity("spot", "DoesNotExist")
        .preferredNodeAffinity(80, "cpu-family", "In", "epyc")
        .toPod("default", "minisched");
    assertThat(p.getSpec().getNodeSelector()).containsExactly(entry("topology.kubernetes.io/zone", "zone-a"));
    V1NodeAffinity affinity = p.getSpec().getAffinity().getNodeAffinity();
    assertThat(affinity.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms())
        .singleElement() // requirements added one by one must all hold: one term
        .satisfies(term -> assertThat(term.getMatchExpressions())
            .extracting(r -> r.getKey(), r -> r.getOperator(), r -> r.getValues())
            .containsExactly(tuple("disk", "In", List.of("ssd", "nvme")), tuple("spot", "DoesNotExist", null)));
    assertThat(affinity.getPreferredDuringSchedulingIgnoredDuringExecution()).singleElement().satisfies(t -> {
      assertThat(t.getWeight()).isEqualTo(80);
      assertThat(t.getPreference().getMatchExpressions()).singleElement()
          .satisfies(r -> assertThat(r.getValues()).containsExactly("epyc"));
    });
  }

  @Test
  void plainPodHasNoSelectorAffinityOrInitContainers() {
    V1Pod p = pod("pod1").toPod("default", "minisched");
    assertThat(p.getSpec().getNodeSelector()).isNull();
    assertThat(p.getSpec().getAffinity()).isNull();
    assertThat(p.getSpec().getInitContainers()).isNull();
    assertThat(p.getSpec().getOverhead()).isNull();
    assertThat(p.getSpec().getContainers()).singleElement()
        .satisfies(c -> assertThat(c.getResources()).isNull());
  }

  @Test
  void limitsAndSeveralContainersAndInitContainers() {
    V1Pod p = pod("pod1").requests("cpu", "500m").limits("cpu", "1").limits("memory", "1Gi")
        .container("sidecar", c -> c.requests("cpu", "100m"))
        .initContainer("migrate", c -> c.requests("cpu", "2"))
        .initContainer("proxy", c -> c.sidecar().requests("memory", "64Mi"))
        .toPod("default", "minisched");
    assertThat(p.getSpec().getContainers()).extracting(V1Container::getName).containsExactly("main", "sidecar");
    V1Container main = p.getSpec().getContainers().get(0);
    assertThat(main.getResources().getRequests().get("cpu").toSuffixedString()).isEqualTo("500m");
    assertThat(main.getResources().getLimits()).containsOnlyKeys("cpu", "memory");
    assertThat(p.getSpec().getContainers().get(1).getResources().getLimits()).isNull();
    assertThat(p.getSpec().getInitContainers())
        .extracting(V1Container::getName, V1Container::getRestartPolicy)
        .containsExactly(tuple("migrate", null), tuple("proxy", "Always"));
  }

  @Test
  void anExtendedResourcesLimitIsItsRequestAsTheApiRequires() {
    V1Container main = pod("pod1").requests("cpu", "1").requests("nvidia.com/gpu", "1")
        .requests("hugepages-2Mi", "4Mi").requests("example.com/dongle", "2").limits("example.com/dongle", "2")
        .toPod("default", "minisched").getSpec().getContainers().get(0);
    assertThat(main.getResources().getLimits()).containsOnlyKeys("nvidia.com/gpu", "hugepages-2Mi", "example.com/dongle");
    assertThat(main.getResources().getLimits().get("nvidia.com/gpu").toSuffixedString()).isEqualTo("1");
  }
}
