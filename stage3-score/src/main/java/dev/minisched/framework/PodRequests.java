package dev.minisched.framework;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a pod asks a node for. Upstream: {@code PodRequests} in k8s.io/component-helpers/resource,
 * which the scheduler's NodeInfo and NodeResourcesFit both use, so that a pod counts the same
 * when it asks for room and when it takes it.
 *
 * <ul>
 *   <li>Containers run side by side: their requests add up.
 *   <li>Init containers run one after another, before the containers: the pod needs the largest
 *       of them, if that is more than the containers' sum. A restartable init container (a
 *       sidecar, {@code restartPolicy: Always}) keeps running: it adds to the containers' sum,
 *       and to every init container that starts after it.
 *   <li>Pod-level requests ({@code spec.resources}, cpu, memory and hugepages), when set, replace
 *       the containers' total for those resources.
 *   <li>The overhead of the pod's RuntimeClass ({@code spec.overhead}) comes on top.
 * </ul>
 *
 * <p>Upstream also reads resized requests from the pod's status (in-place vertical scaling);
 * minisched reads the spec only.
 */
public final class PodRequests {
  /** Upstream's schedutil.DefaultMilliCPURequest: 0.1 core, counted for a container that requests no cpu. */
  public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
  /** Upstream's schedutil.DefaultMemoryRequest: 200 MiB, counted for a container that requests no memory. */
  public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

  private PodRequests() {}

  /** The pod's requests, as NodeResourcesFit checks them and NodeInfo sums them. */
  public static Resource of(V1Pod pod) {
    return aggregate(pod, PodRequests::requests);
  }

  /**
   * As upstream's NonZeroRequested: a container with no cpu request counts 100m, one with no
   * memory request 200Mi, so that scoring does not pile pods that ask for nothing onto one node.
   * Only cpu and memory are set. Used by scoring, never by the filter.
   */
  public static Resource nonZero(V1Pod pod) {
    Resource withDefaults = aggregate(pod, PodRequests::requestsOrDefaults);
    if (podLevelRequests(pod.getSpec()).isEmpty()) {
      return new Resource(withDefaults.milliCpu(), withDefaults.memory(), 0, 0, Map.of());
    }
    // With pod-level requests, upstream counts the defaults only for a resource that nobody in the
    // pod asks for (getNonMissingContainerRequests); otherwise the plain requests stand.
    Resource plain = of(pod);
    return new Resource(
        anyoneRequests(pod.getSpec(), Resource.CPU) ? plain.milliCpu() : withDefaults.milliCpu(),
        anyoneRequests(pod.getSpec(), Resource.MEMORY) ? plain.memory() : withDefaults.memory(),
        0, 0, Map.of());
  }

  private static Resource aggregate(V1Pod pod, Function<V1Container, Resource> requestsOf) {
    V1PodSpec spec = pod.getSpec();
    if (spec == null) {
      return Resource.EMPTY;
    }
    Resource containers = Resource.EMPTY;
    for (V1Container container : orEmpty(spec.getContainers())) {
      containers = containers.plus(requestsOf.apply(container));
    }
    Resource sidecars = Resource.EMPTY; // restartable init containers started so far
    Resource initMax = Resource.EMPTY;
    for (V1Container init : orEmpty(spec.getInitContainers())) {
      Resource own = requestsOf.apply(init);
      Resource whileItRuns;
      if ("Always".equals(init.getRestartPolicy())) {
        containers = containers.plus(own);
        sidecars = sidecars.plus(own);
        whileItRuns = sidecars;
      } else {
        whileItRuns = own.plus(sidecars);
      }
      initMax = initMax.max(whileItRuns);
    }
    Resource total = withPodLevelRequests(containers.max(initMax), podLevelRequests(spec));
    return total.plus(Resource.fromList(spec.getOverhead()));
  }

  /**
   * Pod-level requests replace the containers' total for the resources they name (upstream
   * supports cpu, memory and hugepages-* there).
   */
  private static Resource withPodLevelRequests(Resource containers, Map<String, Quantity> podLevel) {
    if (podLevel.isEmpty()) {
      return containers;
    }
    Resource pod = Resource.fromList(podLevel);
    Map<String, Long> scalars = new LinkedHashMap<>(containers.scalarResources());
    scalars.putAll(pod.scalarResources());
    return new Resource(
        podLevel.containsKey(Resource.CPU) ? pod.milliCpu() : containers.milliCpu(),
        podLevel.containsKey(Resource.MEMORY) ? pod.memory() : containers.memory(),
        containers.ephemeralStorage(), containers.allowedPodNumber(), scalars);
  }

  /** The pod-level requests of the resources that may be set there; empty when none is. */
  private static Map<String, Quantity> podLevelRequests(V1PodSpec spec) {
    Map<String, Quantity> podLevel = spec == null || spec.getResources() == null
        ? null : spec.getResources().getRequests();
    Map<String, Quantity> supported = new LinkedHashMap<>();
    if (podLevel != null) {
      podLevel.forEach((name, quantity) -> {
        if (isPodLevelResource(name)) {
          supported.put(name, quantity);
        }
      });
    }
    return supported;
  }

  /** Whether the pod level, any container, or the overhead names this resource. */
  private static boolean anyoneRequests(V1PodSpec spec, String resource) {
    if (podLevelRequests(spec).containsKey(resource)
        || (spec.getOverhead() != null && spec.getOverhead().containsKey(resource))) {
      return true;
    }
    return Stream.concat(orEmpty(spec.getContainers()).stream(), orEmpty(spec.getInitContainers()).stream())
        .anyMatch(c -> c.getResources() != null && c.getResources().getRequests() != null
            && c.getResources().getRequests().containsKey(resource));
  }

  private static boolean isPodLevelResource(String name) {
    return name.equals(Resource.CPU) || name.equals(Resource.MEMORY) || name.startsWith("hugepages-");
  }

  private static Resource requests(V1Container container) {
    V1ResourceRequirements resources = container.getResources();
    return resources == null ? Resource.EMPTY : Resource.fromList(resources.getRequests());
  }

  /** A container's requests with upstream's defaults for a cpu or memory request it does not set. */
  private static Resource requestsOrDefaults(V1Container container) {
    V1ResourceRequirements resources = container.getResources();
    Map<String, Quantity> requests = resources == null || resources.getRequests() == null
        ? Map.of() : resources.getRequests();
    Resource own = Resource.fromList(requests);
    return new Resource(
        requests.containsKey(Resource.CPU) ? own.milliCpu() : DEFAULT_MILLI_CPU_REQUEST,
        requests.containsKey(Resource.MEMORY) ? own.memory() : DEFAULT_MEMORY_REQUEST,
        own.ephemeralStorage(), own.allowedPodNumber(), own.scalarResources());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
