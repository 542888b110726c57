package dev.minisched.framework;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pods and nodes for unit tests, built the way the API server would hand them over. */
public final class Fixtures {
  private Fixtures() {}

  /** A resource list from alternating names and quantities: {@code resources("cpu", "1", "memory", "1Gi")}. */
  public static Map<String, Quantity> resources(String... namesAndQuantities) {
    Map<String, Quantity> list = new LinkedHashMap<>();
    for (int i = 0; i < namesAndQuantities.length; i += 2) {
      list.put(namesAndQuantities[i], Quantity.fromString(namesAndQuantities[i + 1]));
    }
    return list;
  }

  /** A container requesting these resources (none when empty). */
  public static V1Container container(String... namesAndQuantities) {
    V1Container c = new V1Container().name("c").image("pause");
    if (namesAndQuantities.length > 0) {
      c.resources(new V1ResourceRequirements().requests(resources(namesAndQuantities)));
    }
    return c;
  }

  /** A restartable init container (a sidecar) requesting these resources. */
  public static V1Container sidecar(String... namesAndQuantities) {
    return container(namesAndQuantities).restartPolicy("Always");
  }

  /** A pod with a UID (its name) and these containers, in namespace default. */
  public static V1Pod pod(String name, V1Container... containers) {
    return new V1Pod()
        .metadata(new V1ObjectMeta().namespace("default").name(name).uid("uid-" + name))
        .spec(new V1PodSpec().containers(new ArrayList<>(List.of(containers))));
  }

  /** The same pod with init containers. */
  public static V1Pod withInit(V1Pod pod, V1Container... initContainers) {
    pod.getSpec().setInitContainers(new ArrayList<>(List.of(initContainers)));
    return pod;
  }

  /** The pod, assigned to a node. */
  public static V1Pod on(V1Pod pod, String nodeName) {
    pod.getSpec().setNodeName(nodeName);
    return pod;
  }

  /** A node offering these resources (allocatable and capacity). */
  public static V1Node node(String name, String... allocatable) {
    return new V1Node().metadata(new V1ObjectMeta().name(name).labels(new LinkedHashMap<>()))
        .spec(new V1NodeSpec())
        .status(new V1NodeStatus().capacity(resources(allocatable)).allocatable(resources(allocatable)));
  }
}
