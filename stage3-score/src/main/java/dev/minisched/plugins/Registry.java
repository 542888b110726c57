package dev.minisched.plugins;

import dev.minisched.framework.FilterPlugin;
import dev.minisched.framework.Framework;
import dev.minisched.framework.Plugin;
import dev.minisched.framework.ScorePlugin;
import dev.minisched.scenarios.config.ExtensionPoint;
import dev.minisched.scenarios.config.PluginArgs;
import dev.minisched.scenarios.config.Profile;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

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
   * its default). Upstream's PluginFactory, which also gets the framework's Handle.
   */
  @FunctionalInterface
  public interface Factory {
    Plugin create(PluginArgs args);
  }

  private final Map<String, Factory> factories;

  private Registry(Map<String, Factory> factories) {
    this.factories = factories;
  }

  /** The plugins of this stage. */
  public static Registry inTree() {
    return new Registry(new LinkedHashMap<>())
        .with(NodeUnschedulable.NAME, noArgs(NodeUnschedulable::new))
        .with(TaintToleration.NAME, noArgs(TaintToleration::new))
        .with(NodeAffinity.NAME, noArgs(NodeAffinity::new))
        .with(NodeResourcesFit.NAME, NodeResourcesFit::fromArgs)
        .with(NodeResourcesBalancedAllocation.NAME, noArgs(NodeResourcesBalancedAllocation::new))
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
  public static Factory noArgs(Supplier<? extends Plugin> plugin) {
    return args -> {
      args.done();
      return plugin.get();
    };
  }

  /** Each plugin, and the extension points it implements: made once each, without args. */
  public Map<String, Set<ExtensionPoint>> extensionPoints() {
    Map<String, Set<ExtensionPoint>> points = new LinkedHashMap<>();
    factories.forEach((name, factory) ->
        points.put(name, extensionPointsOf(factory.create(PluginArgs.none(name)))));
    return points;
  }

  /**
   * The framework for a profile: each plugin it enables made once, from its args, and placed at
   * the points the profile enables it at.
   *
   * @throws dev.minisched.scenarios.config.ConfigError for args a plugin cannot use
   */
  public Framework framework(Profile profile) {
    Map<String, Plugin> plugins = new LinkedHashMap<>();
    for (String name : profile.pluginNames()) {
      plugins.put(name, factories.get(name).create(profile.args(name)));
    }
    profile.args().keySet().stream().filter(name -> !plugins.containsKey(name))
        .forEach(name -> factories.get(name).create(profile.args(name))); // its args are checked all the same
    return new Framework(plugins, profile);
  }

  static Set<ExtensionPoint> extensionPointsOf(Plugin plugin) {
    Set<ExtensionPoint> points = EnumSet.noneOf(ExtensionPoint.class);
    if (plugin instanceof FilterPlugin) {
      points.add(ExtensionPoint.FILTER);
    }
    if (plugin instanceof ScorePlugin) {
      points.add(ExtensionPoint.SCORE);
    }
    return points;
  }
}
