package dev.minisched.scenarios;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node for a scenario to create: {@code node("node3").unschedulable().label("zone", "a")}.
 *
 * <p>There is no kubelet in these clusters, so the node object is all there is: its status
 * (capacity, allocatable, a Ready condition) is written at creation, which the API server allows
 * for nodes. By default a node has 4 CPUs, 16Gi of memory and room for 110 pods.
 */
public final class NodeTemplate {
  private final String name;
  private boolean unschedulable;
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final List<V1Taint> taints = new ArrayList<>();
  private final Map<String, Quantity> capacity = new LinkedHashMap<>();

  private NodeTemplate(String name) {
    this.name = name;
    labels.put("kubernetes.io/hostname", name);
    capacity.put("cpu", Quantity.fromString("4"));
    capacity.put("memory", Quantity.fromString("16Gi"));
    capacity.put("pods", Quantity.fromString("110"));
  }

  public static NodeTemplate node(String name) {
    return new NodeTemplate(name);
  }

  /** Marks the node unschedulable, as {@code kubectl cordon} does. */
  public NodeTemplate unschedulable() {
    this.unschedulable = true;
    return this;
  }

  public NodeTemplate label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  /** Adds a taint; effect is NoSchedule, PreferNoSchedule or NoExecute. */
  public NodeTemplate taint(String key, String value, String effect) {
    taints.add(new V1Taint().key(key).value(value).effect(effect));
    return this;
  }

  /** Sets a capacity (and allocatable) entry, e.g. {@code capacity("cpu", "8")}. */
  public NodeTemplate capacity(String resource, String quantity) {
    capacity.put(resource, Quantity.fromString(quantity));
    return this;
  }

  public String name() {
    return name;
  }

  /** The node as the API wants it, status included. */
  public V1Node toNode() {
    return new V1Node()
        .metadata(new V1ObjectMeta().name(name).labels(new LinkedHashMap<>(labels)))
        .spec(new V1NodeSpec().unschedulable(unschedulable ? true : null)
            .taints(taints.isEmpty() ? null : new ArrayList<>(taints)))
        .status(new V1NodeStatus()
            .capacity(new LinkedHashMap<>(capacity))
            .allocatable(new LinkedHashMap<>(capacity))
            .conditions(List.of(new V1NodeCondition().type("Ready").status("True")
                .reason("MiniSchedScenario").message("created by a minisched scenario"))));
  }
}
