package dev.minisched.framework;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** TEMPORARY stub of helper D's contract class (NODEINFO_CONTRACT.md); replaced by D's version. */
public final class PodRequests {
  private PodRequests() {}

  public static Resource of(V1Pod pod) {
    return compute(pod, false);
  }

  public static Resource nonZero(V1Pod pod) {
    return compute(pod, true);
  }

  private static Resource compute(V1Pod pod, boolean nonZero) {
    if (pod.getSpec() == null) {
      return Resource.EMPTY;
    }
    Resource sum = Resource.EMPTY;
    for (V1Container c : list(pod.getSpec().getContainers())) {
      sum = sum.plus(requests(c, nonZero));
    }
    for (V1Container c : list(pod.getSpec().getInitContainers())) {
      Resource r = requests(c, nonZero);
      sum = new Resource(Math.max(sum.milliCpu(), r.milliCpu()), Math.max(sum.memory(), r.memory()),
          Math.max(sum.ephemeralStorage(), r.ephemeralStorage()), sum.allowedPodNumber(), sum.scalarResources());
    }
    if (pod.getSpec().getOverhead() != null) {
      sum = sum.plus(Resource.fromList(pod.getSpec().getOverhead()));
    }
    return sum;
  }

  private static Resource requests(V1Container c, boolean nonZero) {
    Map<String, Quantity> req = new HashMap<>();
    if (c.getResources() != null && c.getResources().getRequests() != null) {
      req.putAll(c.getResources().getRequests());
    }
    if (nonZero) {
      req.putIfAbsent("cpu", Quantity.fromString("100m"));
      req.putIfAbsent("memory", Quantity.fromString("200Mi"));
    }
    return Resource.fromList(req);
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }
}
