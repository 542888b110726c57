package dev.minisched.scenarios.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * kube-scheduler v1.20's score plugins for resources, read as upstream itself turned them into
 * v1beta2 (KEP-2458): {@code NodeResourcesLeastAllocated} and {@code NodeResourcesMostAllocated}
 * became NodeResourcesFit at score with {@code scoringStrategy} of that type, their
 * {@code resources} args the strategy's resources. Only a v1beta1 file names them, so that a file
 * written for kube-scheduler v1.20 still runs on a stage (the benchmark and the differential test
 * now write v1 for v1.34); NodeResourcesFit at filter stays the filter it was there.
 *
 * <p>One instance per file read, used by the reading thread only.
 */
final class V1beta1Scoring {
  /** v1.20's plugin name to the scoringStrategy type it became. */
  private static final Map<String, String> STRATEGY = Map.of(
      "NodeResourcesLeastAllocated", "LeastAllocated",
      "NodeResourcesMostAllocated", "MostAllocated",
      "RequestedToCapacityRatio", "RequestedToCapacityRatio");
  static final String FIT = "NodeResourcesFit";

  private final String source;
  private String strategy; // the type enabled at score, if any
  private final Map<String, Map<String, Object>> legacyArgs = new LinkedHashMap<>();
  private final Map<String, String> argsPaths = new LinkedHashMap<>();

  V1beta1Scoring(String source) {
    this.source = source;
  }

  /** The v1 spelling of one of v1.20's score plugins, for a hint; empty for any other name. */
  static Optional<String> v1Spelling(String plugin) {
    String type = STRATEGY.get(plugin);
    return type == null ? Optional.empty()
        : Optional.of(FIT + " at score with pluginConfig args scoringStrategy: {type: " + type + "}");
  }

  static boolean isLegacy(String plugin) {
    return STRATEGY.containsKey(plugin);
  }

  /** The score set with v1.20's resource score plugins renamed to NodeResourcesFit, keeping their weights. */
  PluginSet score(PluginSet set, String path) {
    List<PluginRef> enabled = new ArrayList<>();
    String strategyPath = null;
    for (PluginRef ref : set.enabled()) {
      String type = STRATEGY.get(ref.name());
      if (type == null) {
        enabled.add(ref);
        continue;
      }
      if (type.equals("RequestedToCapacityRatio")) {
        throw new ConfigError(source, ref.path() + ".name", "plugin \"" + ref.name() + "\" is upstream's scoringStrategy "
            + "type RequestedToCapacityRatio since v1beta2, which is not in minisched yet");
      }
      if (strategy != null) {
        throw new ConfigError(source, ref.path() + ".name", "NodeResourcesFit scores with one strategy; this file "
            + "enables both " + strategy + " (" + strategyPath + ") and " + type);
      }
      strategy = type;
      strategyPath = ref.path();
      enabled.add(new PluginRef(FIT, ref.weight(), ref.path()));
    }
    List<String> disabled = set.disabled().stream().map(name -> isLegacy(name) ? FIT : name).distinct().toList();
    return new PluginSet(enabled, disabled);
  }

  /** Keeps a v1.20 score plugin's args ({resources: [{name, weight}]}) for {@link #fold}. */
  void args(String plugin, Map<String, Object> args, String path) {
    for (String field : args.keySet()) {
      if (!field.equals("resources")) {
        throw new ConfigError(source, path + "." + field, "unknown field; did you mean resources?");
      }
    }
    legacyArgs.put(plugin, args);
    argsPaths.put(plugin, path);
  }

  /**
   * A v1beta1 profile's PreScore plugins are v1.20's, listed for v1.20's plugins (TaintToleration
   * fails its Score without them); stage 7's plugins have PreScore that v1.20's had not. So the
   * stage runs the PreScore of exactly the plugins it scores, as a v1 profile's multiPoint enables
   * them.
   */
  static Profile preScoreOfScored(Profile profile, Map<String, Set<ExtensionPoint>> registry) {
    List<String> preScore = profile.enabled(ExtensionPoint.SCORE).stream()
        .filter(plugin -> registry.getOrDefault(plugin, Set.of()).contains(ExtensionPoint.PRE_SCORE)).toList();
    Map<ExtensionPoint, List<String>> plugins = new EnumMap<>(profile.plugins());
    if (preScore.isEmpty()) {
      plugins.remove(ExtensionPoint.PRE_SCORE);
    } else {
      plugins.put(ExtensionPoint.PRE_SCORE, preScore);
    }
    return new Profile(profile.schedulerName(), plugins, profile.weights(), profile.args(),
        profile.percentageOfNodesToScore(), profile.parallelism());
  }

  /** The pluginConfig with the enabled strategy (and its resources) in NodeResourcesFit's args. */
  void fold(Map<String, PluginArgs> pluginConfig) {
    if (strategy == null) {
      return; // NodeResourcesFit keeps the stage's default strategy, as upstream's defaulting does
    }
    String plugin = STRATEGY.entrySet().stream().filter(e -> e.getValue().equals(strategy)).findFirst().orElseThrow().getKey();
    Map<String, Object> scoringStrategy = new LinkedHashMap<>();
    scoringStrategy.put("type", strategy);
    Map<String, Object> given = legacyArgs.getOrDefault(plugin, Map.of());
    if (given.containsKey("resources")) {
      scoringStrategy.put("resources", given.get("resources"));
    }
    PluginArgs fit = pluginConfig.get(FIT);
    Map<String, Object> fields = new LinkedHashMap<>(fit == null ? Map.of() : fit.fields());
    fields.put("scoringStrategy", scoringStrategy);
    String path = fit != null ? fit.path() : argsPaths.getOrDefault(plugin, "profiles[0].plugins.score (" + plugin + ")");
    pluginConfig.put(FIT, new PluginArgs(source, path, fields));
  }
}
