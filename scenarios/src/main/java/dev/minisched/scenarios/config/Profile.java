package dev.minisched.scenarios.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a stage's framework runs: for each extension point the plugins in the order they run, the
 * score plugins' weights, and each plugin's args. It is a {@link KubeSchedulerProfile} with the
 * file merged over the stage's defaults and multiPoint expanded, as upstream's framework sees a
 * profile after defaulting (mergePlugins) and expandMultiPointPlugins.
 *
 * @param schedulerName the name the file gave the profile; empty if none
 * @param plugins by extension point, in order; only points that run plugins
 * @param weights each score plugin's weight, at least 1
 * @param args each plugin's args (absent: none given)
 * @param percentageOfNodesToScore the file's percentage (the profile's, else the top level's);
 *     empty: upstream's adaptive default
 * @param parallelism how many nodes upstream filters and scores at once (default 16)
 */
public record Profile(String schedulerName, Map<ExtensionPoint, List<String>> plugins, Map<String, Integer> weights,
    Map<String, PluginArgs> args, OptionalInt percentageOfNodesToScore, int parallelism) {
  /** Upstream's default parallelism. */
  public static final int DEFAULT_PARALLELISM = 16;

  public Profile {
    Map<ExtensionPoint, List<String>> copy = new EnumMap<>(ExtensionPoint.class);
    plugins.forEach((point, names) -> copy.put(point, List.copyOf(names)));
    plugins = Collections.unmodifiableMap(copy);
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  /** The plugins enabled at this point, in the order they run. */
  public List<String> enabled(ExtensionPoint point) {
    return plugins.getOrDefault(point, List.of());
  }

  public int weight(String plugin) {
    return weights.getOrDefault(plugin, 1);
  }

  /** The plugin's args, or none: its factory then uses its defaults. */
  public PluginArgs args(String plugin) {
    PluginArgs given = args.get(plugin);
    return given != null ? given : PluginArgs.none(plugin);
  }

  /** Every plugin enabled somewhere, in the order first met: the plugins a framework creates. */
  public Set<String> pluginNames() {
    Set<String> names = new LinkedHashSet<>();
    plugins.values().forEach(names::addAll);
    return names;
  }

  /** The same profile with another parallelism. */
  public Profile withParallelism(int workers) {
    return new Profile(schedulerName, plugins, weights, args, percentageOfNodesToScore, workers);
  }

  /** One line: "filter: A, B; score: C×3, D" — what runs where. */
  public String describe() {
    if (plugins.isEmpty()) {
      return "no plugins";
    }
    StringBuilder line = new StringBuilder();
    plugins.forEach((point, names) -> {
      line.append(line.length() == 0 ? "" : "; ").append(point.fieldName()).append(": ");
      line.append(String.join(", ", point == ExtensionPoint.SCORE
          ? names.stream().map(n -> weight(n) == 1 ? n : n + "×" + weight(n)).toList() : names));
    });
    return line.toString();
  }
}
