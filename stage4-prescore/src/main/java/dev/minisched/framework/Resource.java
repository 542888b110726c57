package dev.minisched.framework;

import io.kubernetes.client.custom.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/** TEMPORARY stub of helper D's contract class (NODEINFO_CONTRACT.md); replaced by D's version. */
public record Resource(long milliCpu, long memory, long ephemeralStorage, long allowedPodNumber,
    Map<String, Long> scalarResources) {
  public static final Resource EMPTY = new Resource(0, 0, 0, 0, Map.of());

  public Resource {
    scalarResources = Map.copyOf(scalarResources);
  }

  public long scalar(String name) {
    return scalarResources.getOrDefault(name, 0L);
  }

  public Resource plus(Resource o) {
    Map<String, Long> s = new HashMap<>(scalarResources);
    o.scalarResources.forEach((k, v) -> s.merge(k, v, Long::sum));
    return new Resource(milliCpu + o.milliCpu, memory + o.memory, ephemeralStorage + o.ephemeralStorage,
        allowedPodNumber + o.allowedPodNumber, s);
  }

  public Resource minus(Resource o) {
    Map<String, Long> s = new HashMap<>(scalarResources);
    o.scalarResources.forEach((k, v) -> s.merge(k, -v, Long::sum));
    return new Resource(milliCpu - o.milliCpu, memory - o.memory, ephemeralStorage - o.ephemeralStorage,
        allowedPodNumber - o.allowedPodNumber, s);
  }

  public static Resource fromList(Map<String, Quantity> list) {
    if (list == null) {
      return EMPTY;
    }
    long cpu = 0;
    long mem = 0;
    long eph = 0;
    long pods = 0;
    Map<String, Long> s = new HashMap<>();
    for (Map.Entry<String, Quantity> e : list.entrySet()) {
      BigDecimal n = e.getValue().getNumber();
      switch (e.getKey()) {
        case "cpu" -> cpu += n.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
        case "memory" -> mem += n.setScale(0, RoundingMode.CEILING).longValueExact();
        case "ephemeral-storage" -> eph += n.setScale(0, RoundingMode.CEILING).longValueExact();
        case "pods" -> pods += n.setScale(0, RoundingMode.CEILING).longValueExact();
        default -> s.merge(e.getKey(), n.setScale(0, RoundingMode.CEILING).longValueExact(), Long::sum);
      }
    }
    return new Resource(cpu, mem, eph, pods, s);
  }

  public long get(String resourceName) {
    return switch (resourceName) {
      case "cpu" -> milliCpu;
      case "memory" -> memory;
      case "ephemeral-storage" -> ephemeralStorage;
      case "pods" -> allowedPodNumber;
      default -> scalar(resourceName);
    };
  }
}
