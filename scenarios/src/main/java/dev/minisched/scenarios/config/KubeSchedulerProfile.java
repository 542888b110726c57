package dev.minisched.scenarios.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A profile as written: per extension point the plugins enabled and disabled, and the plugins'
 * args. Upstream: {@code config.KubeSchedulerProfile}. A stage's default profile is one of these,
 * written in the stage as data; a file's profile is merged over it ({@link Profiles#resolve}).
 *
 * @param schedulerName the pods it schedules ask for this name; empty: the harness's name
 * @param plugins the plugin sets, by extension point (absent: an empty set)
 * @param pluginConfig each plugin's args, by plugin name
 */
public record KubeSchedulerProfile(String schedulerName, Map<ExtensionPoint, PluginSet> plugins,
    Map<String, PluginArgs> pluginConfig) {
  public KubeSchedulerProfile {
    plugins = Collections.unmodifiableMap(new EnumMap<>(plugins.isEmpty() ? new EnumMap<>(ExtensionPoint.class) : plugins));
    pluginConfig = Collections.unmodifiableMap(new LinkedHashMap<>(pluginConfig));
  }

  public PluginSet plugins(ExtensionPoint point) {
    return plugins.getOrDefault(point, PluginSet.EMPTY);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** For a stage's default profile: {@code builder().multiPoint("NodeUnschedulable").multiPoint("TaintToleration", 3)}. */
  public static final class Builder {
    private final Map<ExtensionPoint, List<PluginRef>> enabled = new EnumMap<>(ExtensionPoint.class);
    private final Map<ExtensionPoint, List<String>> disabled = new EnumMap<>(ExtensionPoint.class);
    private final Map<String, PluginArgs> args = new LinkedHashMap<>();

    /** Enabled at every extension point the plugin implements; weight 0: the default, 1. */
    public Builder multiPoint(String plugin, int weight) {
      return enable(ExtensionPoint.MULTI_POINT, plugin, weight);
    }

    public Builder multiPoint(String plugin) {
      return multiPoint(plugin, 0);
    }

    public Builder enable(ExtensionPoint point, String plugin, int weight) {
      enabled.computeIfAbsent(point, p -> new ArrayList<>()).add(PluginRef.of(plugin, weight));
      return this;
    }

    public Builder disable(ExtensionPoint point, String plugin) {
      disabled.computeIfAbsent(point, p -> new ArrayList<>()).add(plugin);
      return this;
    }

    /** The plugin's args, as YAML: {@code args("X", "scoringStrategy: {type: LeastAllocated}")}. */
    @SuppressWarnings("unchecked")
    public Builder args(String plugin, String yaml) {
      Map<String, Object> fields = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
      args.put(plugin, new PluginArgs("the default profile", "pluginConfig[" + plugin + "].args", fields));
      return this;
    }

    public KubeSchedulerProfile build() {
      Map<ExtensionPoint, PluginSet> sets = new EnumMap<>(ExtensionPoint.class);
      for (ExtensionPoint point : ExtensionPoint.values()) {
        List<PluginRef> on = enabled.getOrDefault(point, List.of());
        List<String> off = disabled.getOrDefault(point, List.of());
        if (!on.isEmpty() || !off.isEmpty()) {
          sets.put(point, new PluginSet(on, off));
        }
      }
      return new KubeSchedulerProfile("", sets, args);
    }
  }
}
