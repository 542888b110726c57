package dev.minisched.scenarios;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The check every scheduler must pass whatever its plugins: no node holds more than it can. For
 * cpu, memory and the pod count, the sum of what the bound pods request is compared with the
 * node's allocatable. Deliberately simpler than the scheduler's own arithmetic, and independent of
 * it (no stage code here): a pod requests the larger of its containers' sum and its biggest init
 * container, plus its overhead; each pod counts 1 against "pods".
 */
final class Overcommit {
  static final List<String> RESOURCES = List.of("cpu", "memory", "pods");

  private Overcommit() {}

  /**
   * One line per node and resource over its allocatable, e.g. "node1 cpu: 3 requested > 2
   * allocatable (pod1, pod2, pod3)"; empty when none is. Pods that finished or are on other nodes
   * do not count. A resource the node does not list is not checked.
   */
  static List<String> check(List<V1Node> nodes, List<V1Pod> pods) {
    List<String> violations = new ArrayList<>();
    for (V1Node node : nodes) {
      String name = node.getMetadata().getName();
      List<V1Pod> bound = pods.stream()
          .filter(p -> p.getSpec() != null && name.equals(p.getSpec().getNodeName()))
          .filter(p -> p.getStatus() == null || !("Succeeded".equals(p.getStatus().getPhase())
              || "Failed".equals(p.getStatus().getPhase())))
          .toList();
      Map<String, Quantity> allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null
          ? Map.of() : node.getStatus().getAllocatable();
      for (String resource : RESOURCES) {
        Quantity limit = allocatable.get(resource);
        if (limit == null) {
          continue;
        }
        BigDecimal sum = bound.stream().map(p -> request(p, resource)).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(limit.getNumber()) > 0) {
          violations.add(name + " " + resource + ": " + sum.stripTrailingZeros().toPlainString() + " requested > "
              + limit.getNumber().stripTrailingZeros().toPlainString() + " allocatable ("
              + String.join(", ", bound.stream().map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()).toList())
              + ")");
        }
      }
    }
    return violations;
  }

  /** What the pod requests of one resource, as described in the class comment. */
  static BigDecimal request(V1Pod pod, String resource) {
    if (resource.equals("pods")) {
      return BigDecimal.ONE;
    }
    BigDecimal containers = sum(pod.getSpec().getContainers(), resource);
    BigDecimal init = pod.getSpec().getInitContainers() == null ? BigDecimal.ZERO
        : pod.getSpec().getInitContainers().stream().map(c -> request(c, resource))
            .reduce(BigDecimal.ZERO, BigDecimal::max);
    Map<String, Quantity> overhead = pod.getSpec().getOverhead() == null ? new HashMap<>() : pod.getSpec().getOverhead();
    BigDecimal extra = overhead.containsKey(resource) ? overhead.get(resource).getNumber() : BigDecimal.ZERO;
    return containers.max(init).add(extra);
  }

  private static BigDecimal sum(List<V1Container> containers, String resource) {
    return containers == null ? BigDecimal.ZERO
        : containers.stream().map(c -> request(c, resource)).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal request(V1Container container, String resource) {
    if (container.getResources() == null || container.getResources().getRequests() == null) {
      return BigDecimal.ZERO;
    }
    Quantity q = container.getResources().getRequests().get(resource);
    return q == null ? BigDecimal.ZERO : q.getNumber();
  }
}
