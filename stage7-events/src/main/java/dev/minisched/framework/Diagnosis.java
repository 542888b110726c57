package dev.minisched.framework;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Why a pod fits nowhere: for each rejected node the status that rejected it, and the names of
 * the plugins that did. Upstream: {@code framework.Diagnosis}. The set of rejecting plugins is
 * what the scheduling queue of stage 7 uses to decide which cluster events may help the pod.
 *
 * <p>Filled by the scheduling thread during one cycle; read after it.
 */
public final class Diagnosis {
  private final Map<String, Status> nodeToStatus = new LinkedHashMap<>();
  private final Set<String> unschedulablePlugins = new LinkedHashSet<>();

  /** Records that {@code status} (signed by its plugin) rejected the node. */
  public void reject(String node, Status status) {
    nodeToStatus.put(node, status);
    if (status.plugin() != null) {
      unschedulablePlugins.add(status.plugin());
    }
  }

  public Map<String, Status> nodeToStatus() {
    return Collections.unmodifiableMap(nodeToStatus);
  }

  public Set<String> unschedulablePlugins() {
    return Collections.unmodifiableSet(unschedulablePlugins);
  }
}
