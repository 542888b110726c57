package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;

/**
 * Runs the plugins at each extension point, in the order they were configured. Upstream:
 * {@code frameworkImpl} in pkg/scheduler/framework/runtime/framework.go, which a scheduling
 * profile builds from its plugin configuration; here the stage's {@code Scheduler} hands over
 * the plugin list.
 *
 * <p>Immutable after construction; called from the scheduling thread.
 */
public final class Framework {
  private final List<FilterPlugin> filterPlugins;

  /** Sorts each plugin into the extension points it implements, keeping the given order. */
  public Framework(List<? extends Plugin> plugins) {
    this.filterPlugins = plugins.stream()
        .filter(FilterPlugin.class::isInstance).map(FilterPlugin.class::cast).toList();
  }

  /**
   * Runs every filter plugin on one node, stopping at the first that does not succeed: one
   * reason is enough to rule a node out, and the others are not worth their time.
   *
   * @return {@link Status#SUCCESS}, or the first other status, signed with its plugin's name
   */
  public Status runFilterPlugins(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    for (FilterPlugin plugin : filterPlugins) {
      Status status = plugin.filter(state, pod, nodeInfo);
      state.result().filter(nodeInfo.name(), plugin.name(), status);
      if (!status.isSuccess()) {
        return status.withPlugin(plugin.name());
      }
    }
    return Status.SUCCESS;
  }
}
