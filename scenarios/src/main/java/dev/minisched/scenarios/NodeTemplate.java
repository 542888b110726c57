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
 * for nodes. By default a node has 4 CPUs, 16Gi of memory and room for 110 pods, all of it
 * allocatable. The scheduler reads allocatable (what is left for pods once the kubelet has set
 * aside room for the system); capacity is the machine's size.
 */
public final class NodeTemplate {
  private final String name;
  private boolean unschedulable;
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final List<V1Taint> taints = new ArrayList<>();
  private final Map<String, Quantity> capacity = new LinkedHashMap<>();
  /** Allocatable where it differs from capacity. */
  private final Map<String, Quantity> allocatable = new LinkedHashMap<>();

  private NodeTemplate(String name) {
    this.name = name;
    labels.put("kubernetes.io/hostname", name);
    capacity.putAll(defaultCapacity());
  }

  private static Map<String, Quantity> defaultCapacity() {
    Map<String, Quantity> defaults = new LinkedHashMap<>();
    defaults.put("cpu", Quantity.fromString("4"));
    defaults.put("memory", Quantity.fromString("16Gi"));
    defaults.put("pods", Quantity.fromString("110"));
    return defaults;
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

  /**
   * Adds a taint {@code key=value:effect}, as {@code kubectl taint nodes NAME key=value:effect};
   * effect is NoSchedule, PreferNoSchedule or NoExecute.
   */
  public NodeTemplate taint(String key, String value, String effect) {
    taints.add(new V1Taint().key(key).value(value).effect(effect));
    return this;
  }

  /** Adds a taint with no value, {@code key:effect}. */
  public NodeTemplate taint(String key, String effect) {
    taints.add(new V1Taint().key(key).effect(effect));
    return this;
  }

  /**
   * Sets a capacity entry, e.g. {@code capacity("cpu", "8")} or {@code capacity("nvidia.com/gpu", "2")};
   * allocatable is the same unless {@link #allocatable} says otherwise.
   */
  public NodeTemplate capacity(String resource, String quantity) {
    capacity.put(resource, Quantity.fromString(quantity));
    return this;
  }

  /**
   * Sets what of a resource pods may request, when less than the capacity (a kubelet reserves
   * the rest for the system): {@code capacity("cpu", "4").allocatable("cpu", "3500m")}.
   */
  public NodeTemplate allocatable(String resource, String quantity) {
    allocatable.put(resource, Quantity.fromString(quantity));
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
            .allocatable(allocatable())
            .conditions(List.of(ready())));
  }

  private Map<String, Quantity> allocatable() {
    Map<String, Quantity> result = new LinkedHashMap<>(capacity);
    result.putAll(allocatable);
    return result;
  }

  private static V1NodeCondition ready() {
    return new V1NodeCondition().type("Ready").status("True")
        .reason("MiniSchedScenario").message("created by a minisched scenario");
  }

  /**
   * Completes a node from a manifest as this template would: a node with no status gets the
   * default capacity, allocatable defaults to capacity, and a node with no conditions is Ready.
   * Without this a node written by hand would have nothing allocatable, and fit no pod.
   */
  static V1Node completeStatus(V1Node node) {
    V1NodeStatus status = node.getStatus() != null ? node.getStatus() : new V1NodeStatus();
    if (status.getCapacity() == null || status.getCapacity().isEmpty()) {
      status.setCapacity(defaultCapacity());
    }
    if (status.getAllocatable() == null || status.getAllocatable().isEmpty()) {
      status.setAllocatable(new LinkedHashMap<>(status.getCapacity()));
    }
    if (status.getConditions() == null || status.getConditions().isEmpty()) {
      status.setConditions(new ArrayList<>(List.of(ready())));
    }
    return node.status(status);
  }
}
