package dev.minisched.scenarios.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Merges a file's profile over a stage's default profile and expands multiPoint, as upstream does
 * in two steps: {@code mergePlugins} (apis/config/v1/default_plugins.go) merges each extension
 * point's set over the default's, and the framework's {@code expandMultiPointPlugins}
 * (framework/runtime/framework.go) enables each multiPoint plugin at the points it implements.
 */
public final class Profiles {
  private Profiles() {}

  /**
   * The profile a stage runs.
   *
   * @param defaults the stage's default profile
   * @param file the file's profile, already checked against the stage's registry; null for none
   * @param registry the extension points each of the stage's plugins implements
   */
  public static Profile resolve(KubeSchedulerProfile defaults, KubeSchedulerProfile file,
      Map<String, Set<ExtensionPoint>> registry, String source, OptionalInt percentageOfNodesToScore, int parallelism) {
    KubeSchedulerProfile custom = file != null ? file : KubeSchedulerProfile.builder().build();
    PluginSet multiPoint = merge(defaults.plugins(ExtensionPoint.MULTI_POINT), custom.plugins(ExtensionPoint.MULTI_POINT));
    Map<ExtensionPoint, List<String>> plugins = new EnumMap<>(ExtensionPoint.class);
    Map<ExtensionPoint, List<PluginRef>> specific = new EnumMap<>(ExtensionPoint.class);
    for (ExtensionPoint point : ExtensionPoint.run()) {
      PluginSet set = merge(defaults.plugins(point), custom.plugins(point));
      specific.put(point, set.enabled());
      List<String> names = expand(point, set, multiPoint, registry, source);
      if (!names.isEmpty()) {
        plugins.put(point, names);
      }
    }
    boolean hasQueueSort = registry.values().stream().anyMatch(points -> points.contains(ExtensionPoint.QUEUE_SORT));
    List<String> queueSort = plugins.getOrDefault(ExtensionPoint.QUEUE_SORT, List.of());
    if (hasQueueSort && queueSort.size() != 1) { // upstream's validateCommonQueueSort, and NewFramework's check
      throw new ConfigError(source, "profiles[0].plugins.queueSort", queueSort.isEmpty()
          ? "no queue sort plugin is enabled; the scheduling queue needs one"
          : "only one queue sort plugin can be enabled, not " + queueSort);
    }
    Map<String, Integer> weights = weights(plugins.getOrDefault(ExtensionPoint.SCORE, List.of()),
        specific.get(ExtensionPoint.SCORE), multiPoint.enabled());
    Map<String, PluginArgs> args = new LinkedHashMap<>(defaults.pluginConfig());
    args.putAll(custom.pluginConfig()); // a plugin's args in the file replace its default args whole
    String name = custom.schedulerName();
    return new Profile(name, plugins, weights, args, percentageOfNodesToScore, parallelism);
  }

  /**
   * Upstream's mergePluginSet: the default plugins that are not disabled (none if "*" is), in
   * their order, each replaced in place by the file's entry of the same name; then the file's
   * other enabled plugins. Disabled names of both are kept for the multiPoint expansion.
   */
  static PluginSet merge(PluginSet defaults, PluginSet custom) {
    Set<String> disabled = new LinkedHashSet<>(custom.disabled());
    disabled.addAll(defaults.disabled());
    Map<String, PluginRef> customByName = new LinkedHashMap<>();
    custom.enabled().forEach(p -> customByName.putIfAbsent(p.name(), p));
    List<PluginRef> enabled = new ArrayList<>();
    Set<PluginRef> replacing = new LinkedHashSet<>();
    if (!disabled.contains("*")) {
      for (PluginRef plugin : defaults.enabled()) {
        if (disabled.contains(plugin.name())) {
          continue;
        }
        PluginRef replacement = customByName.get(plugin.name());
        if (replacement != null) {
          replacing.add(replacement);
          enabled.add(replacement);
        } else {
          enabled.add(plugin);
        }
      }
    }
    custom.enabled().stream().filter(p -> !replacing.contains(p)).forEach(enabled::add);
    return new PluginSet(enabled, List.copyOf(disabled));
  }

  /**
   * The plugins that run at one point: those the point names itself, which must implement it,
   * and the multiPoint plugins that implement it and are not disabled here. Order as upstream:
   * the point's own entries that also are multiPoint plugins, then the other multiPoint plugins,
   * then the point's other entries.
   */
  private static List<String> expand(ExtensionPoint point, PluginSet set, PluginSet multiPoint,
      Map<String, Set<ExtensionPoint>> registry, String source) {
    Set<String> enabled = new LinkedHashSet<>();
    for (PluginRef plugin : set.enabled()) {
      if (!registry.getOrDefault(plugin.name(), Set.of()).contains(point)) {
        throw new ConfigError(source, plugin.path().isEmpty() ? "" : plugin.path() + ".name",
            "plugin \"" + plugin.name() + "\" does not extend " + point.fieldName() + " plugin");
      }
      if (!enabled.add(plugin.name())) {
        throw new ConfigError(source, plugin.path().isEmpty() ? "" : plugin.path() + ".name",
            "plugin \"" + plugin.name() + "\" is enabled twice at " + point.fieldName());
      }
    }
    if (set.disabled().contains("*")) {
      return List.copyOf(enabled);
    }
    Set<String> overrides = new LinkedHashSet<>();
    Set<String> fromMultiPoint = new LinkedHashSet<>();
    for (PluginRef plugin : multiPoint.enabled()) {
      if (!registry.getOrDefault(plugin.name(), Set.of()).contains(point) || set.disabled().contains(plugin.name())) {
        continue;
      }
      if (enabled.contains(plugin.name())) {
        overrides.add(plugin.name());
      } else if (!fromMultiPoint.add(plugin.name())) {
        throw new ConfigError(source, plugin.path().isEmpty() ? "" : plugin.path() + ".name",
            "plugin \"" + plugin.name() + "\" is enabled twice at multiPoint");
      }
    }
    Set<String> ordered = new LinkedHashSet<>(overrides);
    ordered.addAll(fromMultiPoint);
    ordered.addAll(enabled);
    return List.copyOf(ordered);
  }

  /** Upstream's getScoreWeights: the score point's own weight first, else the multiPoint one; 0 means 1. */
  private static Map<String, Integer> weights(List<String> scorePlugins, List<PluginRef> specific,
      List<PluginRef> multiPoint) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    List<PluginRef> all = new ArrayList<>(specific);
    all.addAll(multiPoint);
    for (PluginRef plugin : all) {
      if (scorePlugins.contains(plugin.name()) && !weights.containsKey(plugin.name())) {
        weights.put(plugin.name(), plugin.weight() == 0 ? 1 : plugin.weight());
      }
    }
    return weights;
  }
}
