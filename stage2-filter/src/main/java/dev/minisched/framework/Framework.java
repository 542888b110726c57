package dev.minisched.framework;

import dev.minisched.scenarios.config.ExtensionPoint;
import dev.minisched.scenarios.config.Profile;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;
import java.util.Map;

/**
 * Runs the plugins at each extension point, in the order they were configured. Upstream:
 * {@code frameworkImpl} in pkg/scheduler/framework/runtime/framework.go, which a scheduling
 * profile builds from its plugin configuration: a registry's plugins, each at the extension
 * points the profile enables it at, in the profile's order.
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
   * The plugins of a profile: each extension point runs the plugins the profile enables there,
   * in its order. Upstream's NewFramework(registry, profile).
   *
   * @param plugins the profile's plugins by name, created from the registry with their args
   */
  public Framework(Map<String, ? extends Plugin> plugins, Profile profile) {
    this.filterPlugins = profile.enabled(ExtensionPoint.FILTER).stream()
        .map(name -> (FilterPlugin) plugins.get(name)).toList();
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
