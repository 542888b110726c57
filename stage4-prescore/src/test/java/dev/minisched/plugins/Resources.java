package dev.minisched.plugins;

import dev.minisched.framework.NodeInfo;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nodes and pods with resources, for the resource score tests: the shapes of upstream's test
 * tables ({@code st.MakeNode().Capacity(...)}, {@code st.MakePod().Req(...)}, {@code makeNode}).
 */
final class Resources {
  private Resources() {}

  /** "cpu=1000m,memory=2000" → a resource list; an empty string → an empty list. */
  static Map<String, Quantity> list(String spec) {
    Map<String, Quantity> list = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      if (!entry.isBlank()) {
        String[] kv = entry.split("=");
        list.put(kv[0].trim(), Quantity.fromString(kv[1].trim()));
      }
    }
    return list;
  }

  /** A node whose capacity and allocatable are {@code allocatable}, e.g. "cpu=4000,memory=10000". */
  static V1Node node(String name, String allocatable) {
    return new V1Node().metadata(new V1ObjectMeta().name(name))
        .status(new V1NodeStatus().capacity(list(allocatable)).allocatable(list(allocatable)));
  }

  /** A pod with one container per argument, each requesting what it says; no argument: no container. */
  static V1Pod pod(String... containerRequests) {
    List<V1Container> containers = Arrays.stream(containerRequests)
        .map(r -> new V1Container().name("c").resources(new V1ResourceRequirements().requests(list(r))))
        .toList();
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name("pod"))
        .spec(new V1PodSpec().containers(containers));
  }

  static NodeInfo nodeInfo(V1Node node, V1Pod... podsOnIt) {
    return NodeInfo.of(node, List.of(podsOnIt));
  }
}
