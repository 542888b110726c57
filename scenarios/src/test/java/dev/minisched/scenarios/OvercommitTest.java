package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OvercommitTest {
  private static V1Node node(String name, String cpu, String pods) {
    return new V1Node().metadata(new V1ObjectMeta().name(name)).status(new V1NodeStatus().allocatable(
        Map.of("cpu", Quantity.fromString(cpu), "memory", Quantity.fromString("1Gi"), "pods", Quantity.fromString(pods))));
  }

  private static V1Container requesting(String cpu) {
    return new V1Container().name("c").resources(new V1ResourceRequirements().requests(Map.of("cpu", Quantity.fromString(cpu))));
  }

  private static V1Pod pod(String name, String node, V1Container... containers) {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name(name))
        .spec(new V1PodSpec().nodeName(node).containers(List.of(containers)));
  }

  @Test
  void aNodeFilledExactlyIsNotOvercommitted() {
    assertThat(Overcommit.check(List.of(node("n1", "2", "10")),
        List.of(pod("a", "n1", requesting("1")), pod("b", "n1", requesting("500m"), requesting("500m"))))).isEmpty();
  }

  @Test
  void moreCpuThanAllocatableIsReportedWithThePods() {
    assertThat(Overcommit.check(List.of(node("n1", "1", "10"), node("n2", "1", "10")),
        List.of(pod("a", "n1", requesting("1")), pod("b", "n1", requesting("100m")), pod("c", "n2", requesting("1")))))
        .containsExactly("n1 cpu: 1.1 requested > 1 allocatable (default/a, default/b)");
  }

  @Test
  void initContainersCountTheirMaximumAndOverheadIsAdded() {
    V1Pod pod = pod("a", "n1", requesting("500m"));
    pod.getSpec().initContainers(List.of(requesting("800m"), requesting("1")));
    assertThat(Overcommit.request(pod, "cpu")).isEqualByComparingTo("1");
    pod.getSpec().overhead(Map.of("cpu", Quantity.fromString("250m")));
    assertThat(Overcommit.request(pod, "cpu")).isEqualByComparingTo("1.25");
  }

  @Test
  void finishedPodsAndThePodCountAreHandled() {
    V1Pod done = pod("done", "n1", requesting("1")).status(new V1PodStatus().phase("Succeeded"));
    assertThat(Overcommit.check(List.of(node("n1", "1", "1")), List.of(done, pod("a", "n1", requesting("1"))))).isEmpty();
    assertThat(Overcommit.check(List.of(node("n1", "4", "1")), List.of(pod("a", "n1"), pod("b", "n1"))))
        .containsExactly("n1 pods: 2 requested > 1 allocatable (default/a, default/b)");
  }
}
