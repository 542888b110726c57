package dev.minisched.scenarios;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1NodeAffinity;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PreferredSchedulingTerm;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A pod for a scenario to create: {@code pod("pod1").requests("cpu", "500m")}.
 *
 * <p>Unless told otherwise the pod asks for the scheduler under test by name
 * ({@code spec.schedulerName}), so on a shared cluster the default scheduler leaves it alone.
 * Nothing ever runs it (there is no kubelet); the image is only there because the API requires one.
 *
 * <p>The pod has one container, {@code main}, which {@link #requests} and {@link #limits} shape;
 * {@link #container} and {@link #initContainer} add more. For anything these methods do not
 * cover, write the pod as YAML and give it to {@link Cluster#apply(String)}.
 */
public final class PodTemplate {
  static final String IMAGE = "registry.k8s.io/pause:3.10";

  private final String name;
  private String schedulerName;
  private String priorityClassName;
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final List<V1Toleration> tolerations = new ArrayList<>();
  private final ContainerTemplate main = new ContainerTemplate("main");
  private final List<ContainerTemplate> containers = new ArrayList<>(List.of(main));
  private final List<ContainerTemplate> initContainers = new ArrayList<>();
  private final Map<String, String> nodeSelector = new LinkedHashMap<>();
  private final List<V1NodeSelectorRequirement> required = new ArrayList<>();
  private final List<V1PreferredSchedulingTerm> preferred = new ArrayList<>();

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

  /**
   * Makes the pod a member of a gang (stage 5's Coscheduling): the labels
   * {@code minisched.dev/pod-group} and {@code minisched.dev/pod-group-min-available}. None of the
   * group's pods is bound until {@code minAvailable} of them have a place.
   */
  public PodTemplate podGroup(String name, int minAvailable) {
    return label("minisched.dev/pod-group", name).label("minisched.dev/pod-group-min-available", String.valueOf(minAvailable));
  }

  /** Tolerates taints with this key and effect, whatever their value (operator Exists). */
  public PodTemplate tolerate(String key, String effect) {
    tolerations.add(new V1Toleration().key(key).operator("Exists").effect(effect));
    return this;
  }

  /**
   * Tolerates the taint {@code key=value:effect} (operator Equal). A null effect tolerates the
   * taint whatever its effect.
   */
  public PodTemplate tolerate(String key, String value, String effect) {
    tolerations.add(new V1Toleration().key(key).operator("Equal").value(value).effect(effect));
    return this;
  }

  /**
   * Adds any toleration, e.g. one that tolerates a NoExecute taint for five minutes:
   * {@code tolerate(new V1Toleration().key("node.kubernetes.io/unreachable").operator("Exists")
   * .effect("NoExecute").tolerationSeconds(300L))}.
   */
  public PodTemplate tolerate(V1Toleration toleration) {
    tolerations.add(toleration);
    return this;
  }

  /**
   * Requests a resource for the {@code main} container, e.g. {@code requests("memory", "1Gi")}.
   * An extended resource such as {@code nvidia.com/gpu} cannot be overcommitted, so the API
   * requires its limit to equal its request; unless {@link #limits} says otherwise, the limit is
   * set too.
   */
  public PodTemplate requests(String resource, String quantity) {
    main.requests(resource, quantity);
    return this;
  }

  /**
   * Limits a resource for the {@code main} container. A limit without a request makes the API
   * server set the request to the limit (pod defaulting), and the scheduler counts requests.
   */
  public PodTemplate limits(String resource, String quantity) {
    main.limits(resource, quantity);
    return this;
  }

  /**
   * Adds a container beside {@code main}; the pod requests what all its containers request:
   * {@code container("sidecar", c -> c.requests("cpu", "100m"))}.
   */
  public PodTemplate container(String name, Consumer<ContainerTemplate> shape) {
    ContainerTemplate container = new ContainerTemplate(name);
    shape.accept(container);
    containers.add(container);
    return this;
  }

  /**
   * Adds an init container. Init containers run one after another before the others start, so
   * the pod requests the larger of its biggest init container and the sum of its containers —
   * except sidecars ({@link ContainerTemplate#sidecar()}), which keep running and add up.
   */
  public PodTemplate initContainer(String name, Consumer<ContainerTemplate> shape) {
    ContainerTemplate container = new ContainerTemplate(name);
    shape.accept(container);
    initContainers.add(container);
    return this;
  }

  /** Runs only on nodes with this label ({@code spec.nodeSelector}); all such labels must match. */
  public PodTemplate nodeSelector(String key, String value) {
    nodeSelector.put(key, value);
    return this;
  }

  /**
   * Runs only on nodes that meet this requirement (required node affinity):
   * {@code requiredNodeAffinity("topology.kubernetes.io/zone", "In", "zone-a", "zone-b")}.
   * Operators: In, NotIn, Exists, DoesNotExist, Gt, Lt. Every requirement added this way must
   * hold (they form one node selector term); for terms of which any one may hold, use a manifest.
   */
  public PodTemplate requiredNodeAffinity(String key, String operator, String... values) {
    required.add(requirement(key, operator, values));
    return this;
  }

  /**
   * Prefers nodes that meet this requirement (preferred node affinity); weight 1-100 is what a
   * matching node adds to the NodeAffinity score. Each call adds one preferred term.
   */
  public PodTemplate preferredNodeAffinity(int weight, String key, String operator, String... values) {
    preferred.add(new V1PreferredSchedulingTerm().weight(weight)
        .preference(new V1NodeSelectorTerm().matchExpressions(List.of(requirement(key, operator, values)))));
    return this;
  }

  public String name() {
    return name;
  }

  /** The pod as the API wants it; unless {@link #schedulerName} was set, it asks for {@code defaultSchedulerName}. */
  public V1Pod toPod(String namespace, String defaultSchedulerName) {
    return new V1Pod()
        .metadata(new V1ObjectMeta().name(name).namespace(namespace)
            .labels(labels.isEmpty() ? null : new LinkedHashMap<>(labels)))
        // overhead(null): client-java sends an empty map otherwise, which the RuntimeClass admission
        // plugin rejects with 403 (kubernetes-client/java#3076).
        .spec(new V1PodSpec()
            .overhead(null)
            .schedulerName(schedulerName != null ? schedulerName : defaultSchedulerName)
            .priorityClassName(priorityClassName)
            .initContainers(initContainers.isEmpty() ? null : initContainers.stream().map(ContainerTemplate::toContainer).toList())
            .containers(containers.stream().map(ContainerTemplate::toContainer).toList())
            .nodeSelector(nodeSelector.isEmpty() ? null : new LinkedHashMap<>(nodeSelector))
            .affinity(affinity())
            .tolerations(tolerations.isEmpty() ? null : new ArrayList<>(tolerations)));
  }

  private V1Affinity affinity() {
    if (required.isEmpty() && preferred.isEmpty()) {
      return null;
    }
    V1NodeAffinity nodeAffinity = new V1NodeAffinity();
    if (!required.isEmpty()) {
      nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution(new V1NodeSelector()
          .nodeSelectorTerms(List.of(new V1NodeSelectorTerm().matchExpressions(new ArrayList<>(required)))));
    }
    if (!preferred.isEmpty()) {
      nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution(new ArrayList<>(preferred));
    }
    return new V1Affinity().nodeAffinity(nodeAffinity);
  }

  private static V1NodeSelectorRequirement requirement(String key, String operator, String... values) {
    return new V1NodeSelectorRequirement().key(key).operator(operator)
        .values(values.length == 0 ? null : List.of(values));
  }

  /** One container of a {@link PodTemplate}: what it requests and limits. */
  public static final class ContainerTemplate {
    private final String name;
    private final Map<String, Quantity> requests = new LinkedHashMap<>();
    private final Map<String, Quantity> limits = new LinkedHashMap<>();
    private boolean sidecar;

    private ContainerTemplate(String name) {
      this.name = name;
    }

    /** As {@link PodTemplate#requests}: an extended resource's limit is set too. */
    public ContainerTemplate requests(String resource, String quantity) {
      requests.put(resource, Quantity.fromString(quantity));
      return this;
    }

    public ContainerTemplate limits(String resource, String quantity) {
      limits.put(resource, Quantity.fromString(quantity));
      return this;
    }

    /**
     * Makes an init container a sidecar ({@code restartPolicy: Always}): it starts before the
     * containers and keeps running beside them, so its requests add to theirs.
     */
    public ContainerTemplate sidecar() {
      this.sidecar = true;
      return this;
    }

    V1Container toContainer() {
      V1Container container = new V1Container().name(name).image(IMAGE);
      Map<String, Quantity> limits = new LinkedHashMap<>(this.limits);
      requests.forEach((resource, quantity) -> {
        if (!overcommittable(resource)) {
          limits.putIfAbsent(resource, quantity);
        }
      });
      if (!requests.isEmpty() || !limits.isEmpty()) {
        container.resources(new V1ResourceRequirements()
            .requests(requests.isEmpty() ? null : new LinkedHashMap<>(requests))
            .limits(limits.isEmpty() ? null : limits));
      }
      return sidecar ? container.restartPolicy("Always") : container;
    }

    /**
     * As the API server's validation (IsOvercommitAllowed): native resources (no domain, or a
     * kubernetes.io one) but hugepages may be overcommitted; extended resources may not.
     */
    private static boolean overcommittable(String resource) {
      boolean nativeResource = !resource.contains("/") || resource.contains("kubernetes.io/");
      return nativeResource && !resource.startsWith("hugepages-");
    }
  }
}
