package dev.minisched.plugins;

import dev.minisched.framework.FilterPlugin;
import dev.minisched.framework.Framework;
import dev.minisched.framework.Handle;
import dev.minisched.framework.PermitPlugin;
import dev.minisched.framework.Plugin;
import dev.minisched.framework.PluginFactory;
import dev.minisched.framework.PreScorePlugin;
import dev.minisched.framework.QueueSortPlugin;
import dev.minisched.framework.ReservePlugin;
import dev.minisched.framework.ScorePlugin;
import dev.minisched.scenarios.config.ExtensionPoint;
import dev.minisched.scenarios.config.PluginArgs;
import dev.minisched.scenarios.config.Profile;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The plugins a profile can name, each with the factory that makes it. Upstream: the
 * framework's {@code Registry} (name → PluginFactory, framework/runtime/registry.go) and
 * {@code NewInTreeRegistry} (framework/plugins/registry.go). A plugin of your own joins with
 * {@link #with}; a profile then enables it, and the default profile stays as it is.
 *
 * <p>Immutable; {@link #with} returns a new registry.
 */
public final class Registry {
  /**
   * Makes a plugin from its args in the profile's pluginConfig (none given: every read returns
   * its default) and the framework's {@link Handle}, which the plugin may use once scheduling
   * runs, not while it is being made. Upstream's PluginFactory.
   */
  @FunctionalInterface
  public interface Factory {
    Plugin create(PluginArgs args, Handle handle);
  }

  private final Map<String, Factory> factories;

  private Registry(Map<String, Factory> factories) {
    this.factories = factories;
  }

  /** The plugins of this stage. */
  public static Registry inTree() {
    return new Registry(new LinkedHashMap<>())
        .with(PrioritySort.NAME, noArgs(handle -> new PrioritySort()))
        .with(NodeUnschedulable.NAME, noArgs(handle -> new NodeUnschedulable()))
        .with(TaintToleration.NAME, noArgs(handle -> new TaintToleration()))
        .with(NodeAffinity.NAME, noArgs(handle -> new NodeAffinity()))
        .with(NodeResourcesFit.NAME, (args, handle) -> NodeResourcesFit.fromArgs(args))
        .with(NodeResourcesBalancedAllocation.NAME, noArgs(handle -> new NodeResourcesBalancedAllocation()))
        .with(Coscheduling.NAME, noArgs(Coscheduling::new))
        .with(NodeNumber.NAME, noArgs(NodeNumber::new));
  }

  /** This registry and one more plugin; upstream refuses a name registered twice, and so does this. */
  public Registry with(String name, Factory factory) {
    if (factories.containsKey(name)) {
      throw new IllegalArgumentException("a plugin named " + name + " already exists");
    }
    Map<String, Factory> more = new LinkedHashMap<>(factories);
    more.put(name, factory);
    return new Registry(more);
  }

  /** A factory for a plugin that takes no args: any given are an error. */
  public static Factory noArgs(PluginFactory plugin) {
    return (args, handle) -> {
      args.done();
      return plugin.create(handle);
    };
  }

  /**
   * Each plugin, and the extension points it implements: made once each, without args and
   * without a handle (a plugin must not use its handle while being made).
   */
  public Map<String, Set<ExtensionPoint>> extensionPoints() {
    Map<String, Set<ExtensionPoint>> points = new LinkedHashMap<>();
    factories.forEach((name, factory) ->
        points.put(name, extensionPointsOf(factory.create(PluginArgs.none(name), null))));
    return points;
  }

  /**
   * The framework for a profile: each plugin it enables made once, from its args, and placed at
   * the points the profile enables it at.
   *
   * @throws dev.minisched.scenarios.config.ConfigError for args a plugin cannot use
   */
  public Framework framework(Profile profile) {
    Map<String, PluginFactory> plugins = new LinkedHashMap<>();
    for (String name : profile.pluginNames()) {
      Factory factory = factories.get(name);
      PluginArgs args = profile.args(name);
      plugins.put(name, handle -> factory.create(args, handle));
    }
    profile.args().keySet().stream().filter(name -> !plugins.containsKey(name))
        .forEach(name -> factories.get(name).create(profile.args(name), null)); // its args are checked all the same
    return new Framework(plugins, profile);
  }

  static Set<ExtensionPoint> extensionPointsOf(Plugin plugin) {
    Set<ExtensionPoint> points = EnumSet.noneOf(ExtensionPoint.class);
    if (plugin instanceof QueueSortPlugin) {
      points.add(ExtensionPoint.QUEUE_SORT);
    }
    if (plugin instanceof FilterPlugin) {
      points.add(ExtensionPoint.FILTER);
    }
    if (plugin instanceof PreScorePlugin) {
      points.add(ExtensionPoint.PRE_SCORE);
    }
    if (plugin instanceof ScorePlugin) {
      points.add(ExtensionPoint.SCORE);
    }
    if (plugin instanceof ReservePlugin) {
      points.add(ExtensionPoint.RESERVE);
    }
    if (plugin instanceof PermitPlugin) {
      points.add(ExtensionPoint.PERMIT);
    }
    return points;
  }
}
