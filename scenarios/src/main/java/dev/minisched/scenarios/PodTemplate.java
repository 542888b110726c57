package dev.minisched.scenarios;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod for a scenario to create: {@code pod("pod1").requests("cpu", "500m")}.
 *
 * <p>Unless told otherwise the pod asks for the scheduler under test by name
 * ({@code spec.schedulerName}), so on a shared cluster the default scheduler leaves it alone.
 * Nothing ever runs it (there is no kubelet); the image is only there because the API requires one.
 */
public final class PodTemplate {
  static final String IMAGE = "registry.k8s.io/pause:3.10";

  private final String name;
  private String schedulerName;
  private String priorityClassName;
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final List<V1Toleration> tolerations = new ArrayList<>();
  private final Map<String, Quantity> requests = new LinkedHashMap<>();

  private PodTemplate(String name) {
    this.name = name;
  }

  public static PodTemplate pod(String name) {
    return new PodTemplate(name);
  }

  /** Asks for another scheduler than the one under test (it should then leave the pod alone). */
  public PodTemplate schedulerName(String schedulerName) {
    this.schedulerName = schedulerName;
    return this;
  }

  /**
   * Names the pod's PriorityClass (see {@link Cluster#createPriorityClass}); the API server sets
   * {@code spec.priority} from it when the pod is created. Without one the pod has priority 0
   * (unless the cluster has a global default class).
   */
  public PodTemplate priorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
    return this;
  }

  public PodTemplate label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  /** Tolerates taints with this key and effect, whatever their value (operator Exists). */
  public PodTemplate tolerate(String key, String effect) {
    tolerations.add(new V1Toleration().key(key).operator("Exists").effect(effect));
    return this;
  }

  /** Requests a resource for the pod's only container, e.g. {@code requests("memory", "1Gi")}. */
  public PodTemplate requests(String resource, String quantity) {
    requests.put(resource, Quantity.fromString(quantity));
    return this;
  }

  public String name() {
    return name;
  }

  /** The pod as the API wants it; unless {@link #schedulerName} was set, it asks for {@code defaultSchedulerName}. */
  public V1Pod toPod(String namespace, String defaultSchedulerName) {
    V1Container container = new V1Container().name("main").image(IMAGE);
    if (!requests.isEmpty()) {
      container.resources(new V1ResourceRequirements().requests(new LinkedHashMap<>(requests)));
    }
    return new V1Pod()
        .metadata(new V1ObjectMeta().name(name).namespace(namespace)
            .labels(labels.isEmpty() ? null : new LinkedHashMap<>(labels)))
        // overhead(null): client-java sends an empty map otherwise, which the RuntimeClass admission
        // plugin rejects with 403 (kubernetes-client/java#3076).
        .spec(new V1PodSpec()
            .overhead(null)
            .schedulerName(schedulerName != null ? schedulerName : defaultSchedulerName)
            .priorityClassName(priorityClassName)
            .containers(List.of(container))
            .tolerations(tolerations.isEmpty() ? null : new ArrayList<>(tolerations)));
  }
}
