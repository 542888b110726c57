package dev.minisched.framework;

import io.kubernetes.client.custom.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Amounts of resources as the scheduler counts them: cpu in millicores, memory and
 * ephemeral-storage in bytes, a number of pods, and the scalar resources (extended resources
 * such as {@code nvidia.com/gpu}, {@code hugepages-*}) by name. Upstream: {@code framework.Resource}
 * in pkg/scheduler/framework/types.go. A NodeInfo holds three: what the node offers
 * ({@code allocatable}), what its pods request, and the same with defaults for unset requests.
 *
 * <p>Immutable: {@link #plus} and {@link #minus} return new values. Scalar resources that come
 * to zero are dropped, so equal amounts are equal records.
 *
 * @param allowedPodNumber only meaningful in a node's allocatable ({@code pods}); a NodeInfo
 *     counts its pods by the length of its pod list
 */
public record Resource(long milliCpu, long memory, long ephemeralStorage, long allowedPodNumber,
    Map<String, Long> scalarResources) {
  public static final Resource EMPTY = new Resource(0, 0, 0, 0, Map.of());

  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";
  public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
  public static final String PODS = "pods";

  public Resource {
    TreeMap<String, Long> sorted = new TreeMap<>();
    scalarResources.forEach((name, amount) -> {
      if (amount != 0) {
        sorted.put(name, amount);
      }
    });
    scalarResources = Collections.unmodifiableMap(sorted);
  }

  /** The amount of a scalar resource; 0 when absent. */
  public long scalar(String name) {
    return scalarResources.getOrDefault(name, 0L);
  }

  /** The amount of a resource by its API name: "cpu" in millicores, "memory", "pods", or a scalar. */
  public long get(String resourceName) {
    return switch (resourceName) {
      case CPU -> milliCpu;
      case MEMORY -> memory;
      case EPHEMERAL_STORAGE -> ephemeralStorage;
      case PODS -> allowedPodNumber;
      default -> scalar(resourceName);
    };
  }

  public Resource plus(Resource other) {
    return combine(other, 1);
  }

  public Resource minus(Resource other) {
    return combine(other, -1);
  }

  /** The larger amount of each resource: how init containers, which run one after another, count. */
  public Resource max(Resource other) {
    Map<String, Long> scalars = new TreeMap<>(scalarResources);
    other.scalarResources.forEach((name, amount) -> scalars.merge(name, amount, Math::max));
    return new Resource(Math.max(milliCpu, other.milliCpu), Math.max(memory, other.memory),
        Math.max(ephemeralStorage, other.ephemeralStorage),
        Math.max(allowedPodNumber, other.allowedPodNumber), scalars);
  }

  private Resource combine(Resource other, int sign) {
    Map<String, Long> scalars = new TreeMap<>(scalarResources);
    other.scalarResources.forEach((name, amount) -> scalars.merge(name, sign * amount, Long::sum));
    return new Resource(milliCpu + sign * other.milliCpu, memory + sign * other.memory,
        ephemeralStorage + sign * other.ephemeralStorage,
        allowedPodNumber + sign * other.allowedPodNumber, scalars);
  }

  /**
   * Reads a resource list: a container's requests, a pod's overhead, a node's allocatable.
   * Upstream's {@code Resource.Add}: cpu as millicores, everything else as whole units, each
   * rounded up as {@code Quantity.MilliValue()} and {@code Value()} do; names that are not
   * scalar resources (see {@link #isScalarResourceName}) are ignored.
   */
  public static Resource fromList(Map<String, Quantity> list) {
    if (list == null || list.isEmpty()) {
      return EMPTY;
    }
    long cpu = 0;
    long memory = 0;
    long storage = 0;
    long pods = 0;
    Map<String, Long> scalars = new TreeMap<>();
    for (Map.Entry<String, Quantity> e : list.entrySet()) {
      BigDecimal amount = e.getValue().getNumber();
      switch (e.getKey()) {
        case CPU -> cpu += roundUp(amount.movePointRight(3));
        case MEMORY -> memory += roundUp(amount);
        case EPHEMERAL_STORAGE -> storage += roundUp(amount);
        case PODS -> pods += roundUp(amount);
        default -> {
          if (isScalarResourceName(e.getKey())) {
            scalars.merge(e.getKey(), roundUp(amount), Long::sum);
          }
        }
      }
    }
    return new Resource(cpu, memory, storage, pods, scalars);
  }

  private static long roundUp(BigDecimal amount) {
    return amount.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /**
   * Upstream's {@code IsScalarResourceName}: an extended resource (a name with a domain, such as
   * {@code example.com/foo}, but not a {@code requests.} quota name), a kubernetes.io-prefixed
   * one, {@code hugepages-*} or {@code attachable-volumes-*}.
   */
  public static boolean isScalarResourceName(String name) {
    return (name.contains("/") && !name.startsWith("requests."))
        || name.startsWith("hugepages-") || name.startsWith("attachable-volumes-");
  }

  @Override
  public String toString() {
    return "Resource{cpu=" + milliCpu + "m, memory=" + memory + ", ephemeral-storage=" + ephemeralStorage
        + ", pods=" + allowedPodNumber + (scalarResources.isEmpty() ? "" : ", " + scalarResources) + "}";
  }
}
