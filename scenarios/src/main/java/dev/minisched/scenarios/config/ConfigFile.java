package dev.minisched.scenarios.config;

import dev.minisched.scenarios.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a {@code KubeSchedulerConfiguration} file (upstream's {@code kubescheduler.config.k8s.io/v1},
 * or v1beta1, the newest that kube-scheduler v1.20 reads) for one stage, and checks it against what
 * the stage has: one profile; extension points and plugins the stage has (a later stage's are
 * named with the stage that introduces them); known fields only; values in upstream's ranges.
 * Everything is checked before a control plane starts, and the first problem is one line.
 *
 * <p>Upstream fields that configure the process, not the scheduling (clientConnection,
 * leaderElection, …) are accepted, so that the same file works for kube-scheduler, and noted as
 * ignored, in one line. A v1beta1 file's resource score plugins are read as v1beta2 reads them
 * ({@link V1beta1Scoring}).
 */
public final class ConfigFile {
  static final String V1 = "kubescheduler.config.k8s.io/v1";
  static final String V1BETA1 = "kubescheduler.config.k8s.io/v1beta1";
  private static final Set<String> TOP_LEVEL = new LinkedHashSet<>(List.of("apiVersion", "kind", "parallelism",
      "percentageOfNodesToScore", "profiles", "extenders", "leaderElection", "clientConnection",
      "healthzBindAddress", "metricsBindAddress", "enableProfiling", "enableContentionProfiling",
      "podInitialBackoffSeconds", "podMaxBackoffSeconds", "delayCacheUntilActive"));
  /** Upstream fields about the process, or fixed in minisched: accepted, and noted as ignored. */
  private static final Set<String> IGNORED = Set.of("leaderElection", "clientConnection", "healthzBindAddress",
      "metricsBindAddress", "enableProfiling", "enableContentionProfiling", "podInitialBackoffSeconds",
      "podMaxBackoffSeconds", "delayCacheUntilActive");
  /** v1beta1's insecure-port addresses: v1beta3 removed them, so a v1 file must not have them. */
  private static final List<String> V1_REMOVED = List.of("healthzBindAddress", "metricsBindAddress");
  private static final Set<String> PROFILE = new LinkedHashSet<>(
      List.of("schedulerName", "percentageOfNodesToScore", "plugins", "pluginConfig"));

  private final String source;
  private final String module;
  private final Map<String, Set<ExtensionPoint>> registry;
  /** The file's fields about upstream's process, for the note. */
  private final List<String> processFields = new ArrayList<>();
  /** "preFilter extension point (NodeResourcesFit enabled there)", for the note. */
  private final List<String> noPoint = new ArrayList<>();

  private ConfigFile(String source, String module, Map<String, Set<ExtensionPoint>> registry) {
    this.source = source;
    this.module = module;
    this.registry = registry;
  }

  /** Reads and checks the file for the stage; throws {@link ConfigError} with one line. */
  public static SchedulerConfiguration read(Path file, String module, Configurable stage) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigError(file.toString(), "", "no such file");
    } catch (IOException e) {
      throw new ConfigError(file.toString(), "", "cannot read it: " + e.getMessage());
    }
    return parse(file.toString(), text, module, stage);
  }

  /** Checks a configuration given as text (a scenario's own profile, a test's). */
  public static SchedulerConfiguration parse(String source, String text, String module, Configurable stage) {
    return new ConfigFile(source, module, stage.registry()).parse(text, stage.defaults());
  }

  private SchedulerConfiguration parse(String text, KubeSchedulerProfile defaults) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new ConfigError(source, "", "not YAML: " + e.getMessage().replace('\n', ' '));
    }
    Map<String, Object> top = object(document, "");
    checkFields(top, "", TOP_LEVEL);
    String apiVersion = string(top.get("apiVersion"), "apiVersion");
    if (apiVersion == null || !(apiVersion.equals(V1) || apiVersion.equals(V1BETA1))) {
      throw new ConfigError(source, "apiVersion", "must be " + V1 + " (or " + V1BETA1 + "), not " + apiVersion);
    }
    if (apiVersion.equals(V1)) {
      for (String removed : V1_REMOVED) {
        if (top.containsKey(removed)) {
          // kube-scheduler decodes its file strictly: v1 has no such field, so it refuses the file.
          throw new ConfigError(source, removed, "is not a field of " + V1 + " (removed in v1beta3; kube-scheduler "
              + "refuses a v1 file with it): remove it; kube-scheduler serves health and metrics on --secure-port");
        }
      }
    }
    String kind = string(top.get("kind"), "kind");
    if (!"KubeSchedulerConfiguration".equals(kind)) {
      throw new ConfigError(source, "kind", "must be KubeSchedulerConfiguration, not " + kind);
    }
    int parallelism = Profile.DEFAULT_PARALLELISM;
    if (top.get("parallelism") != null) {
      parallelism = integer(top.get("parallelism"), "parallelism");
      if (parallelism <= 0) {
        throw new ConfigError(source, "parallelism", "should be an integer value greater than zero");
      }
    }
    OptionalInt percentage = percentage(top.get("percentageOfNodesToScore"), "percentageOfNodesToScore");
    Object extenders = top.get("extenders");
    if (extenders instanceof List<?> list && !list.isEmpty()) {
      throw new ConfigError(source, "extenders", "extenders are not in minisched");
    }
    top.keySet().stream().filter(IGNORED::contains).forEach(processFields::add);

    Object profilesValue = top.get("profiles");
    KubeSchedulerProfile file = null;
    if (profilesValue != null) {
      if (!(profilesValue instanceof List<?> profiles)) {
        throw new ConfigError(source, "profiles", "must be a list of profiles");
      }
      if (profiles.size() > 1) {
        throw new ConfigError(source, "profiles", "minisched runs one profile; this file has " + profiles.size());
      }
      if (profiles.size() == 1) {
        Map<String, Object> profile = object(profiles.get(0), "profiles[0]");
        OptionalInt own = percentage(profile.get("percentageOfNodesToScore"), "profiles[0].percentageOfNodesToScore");
        if (own.isPresent()) {
          percentage = own; // upstream: the profile's value wins over the top level's
        }
        file = profile(profile, "profiles[0]", apiVersion);
      }
    }
    Profile resolved = Profiles.resolve(defaults, file, registry, source, percentage, parallelism);
    if (apiVersion.equals(V1BETA1)) {
      resolved = V1beta1Scoring.preScoreOfScored(resolved, registry);
    }
    return new SchedulerConfiguration(source, resolved, note());
  }

  /**
   * At most one line, however much of upstream's the file names: a file written for kube-scheduler
   * too carries its process fields and points every run, and they are no news after the first.
   */
  private List<String> note() {
    List<String> parts = new ArrayList<>();
    if (!processFields.isEmpty()) {
      parts.add(String.join(", ", processFields) + " configure" + (processFields.size() == 1 ? "s" : "")
          + " upstream's process");
    }
    if (!noPoint.isEmpty()) {
      parts.add("minisched has no " + String.join("; no ", noPoint));
    }
    return parts.isEmpty() ? List.of() : List.of(source + ": ignored: " + String.join("; ", parts));
  }

  private KubeSchedulerProfile profile(Map<String, Object> profile, String path, String apiVersion) {
    checkFields(profile, path, PROFILE);
    String schedulerName = profile.get("schedulerName") == null ? ""
        : string(profile.get("schedulerName"), path + ".schedulerName");
    Map<ExtensionPoint, PluginSet> sets = new EnumMap<>(ExtensionPoint.class);
    V1beta1Scoring v1beta1 = apiVersion.equals(V1BETA1) ? new V1beta1Scoring(source) : null;
    if (profile.get("plugins") != null) {
      Map<String, Object> plugins = object(profile.get("plugins"), path + ".plugins");
      Set<String> points = new LinkedHashSet<>();
      for (ExtensionPoint point : ExtensionPoint.values()) {
        if (!(point == ExtensionPoint.MULTI_POINT && apiVersion.equals(V1BETA1))) {
          points.add(point.fieldName());
        }
      }
      checkFields(plugins, path + ".plugins", points);
      for (Map.Entry<String, Object> entry : plugins.entrySet()) {
        ExtensionPoint point = ExtensionPoint.byFieldName(entry.getKey()).orElseThrow();
        String pointPath = path + ".plugins." + point.fieldName();
        PluginSet set = pluginSet(entry.getValue(), pointPath, point);
        if (v1beta1 != null && point == ExtensionPoint.SCORE) {
          set = v1beta1.score(set, pointPath);
        }
        checkPoint(point, set, pointPath);
        if (point.isRun() || point == ExtensionPoint.MULTI_POINT) {
          sets.put(point, set);
        }
      }
    }
    Map<String, PluginArgs> pluginConfig = new LinkedHashMap<>();
    Object configs = profile.get("pluginConfig");
    if (configs != null) {
      if (!(configs instanceof List<?> list)) {
        throw new ConfigError(source, path + ".pluginConfig", "must be a list of {name, args}");
      }
      for (int i = 0; i < list.size(); i++) {
        String entryPath = path + ".pluginConfig[" + i + "]";
        Map<String, Object> entry = object(list.get(i), entryPath);
        checkFields(entry, entryPath, Set.of("name", "args"));
        String name = string(entry.get("name"), entryPath + ".name");
        Map<String, Object> args = entry.get("args") == null ? Map.of() : object(entry.get("args"), entryPath + ".args");
        if (v1beta1 != null && V1beta1Scoring.isLegacy(name)) {
          v1beta1.args(name, args, entryPath + ".args");
          continue;
        }
        checkPlugin(name, entryPath + ".name", false);
        if (pluginConfig.containsKey(name)) {
          throw new ConfigError(source, entryPath, "Duplicate value: \"" + name + "\"");
        }
        pluginConfig.put(name, new PluginArgs(source, entryPath + ".args", args));
      }
    }
    if (v1beta1 != null) {
      v1beta1.fold(pluginConfig);
    }
    return new KubeSchedulerProfile(schedulerName, sets, pluginConfig);
  }

  private PluginSet pluginSet(Object value, String path, ExtensionPoint point) {
    Map<String, Object> set = value == null ? Map.of() : object(value, path);
    checkFields(set, path, Set.of("enabled", "disabled"));
    List<PluginRef> enabled = new ArrayList<>();
    List<Map<String, Object>> entries = list(set.get("enabled"), path + ".enabled");
    for (int i = 0; i < entries.size(); i++) {
      String entryPath = path + ".enabled[" + i + "]";
      Map<String, Object> entry = entries.get(i);
      checkFields(entry, entryPath, Set.of("name", "weight"));
      String name = string(entry.get("name"), entryPath + ".name");
      int weight = 0;
      if (entry.get("weight") != null) {
        weight = integer(entry.get("weight"), entryPath + ".weight");
        if (weight < 0) {
          throw new ConfigError(source, entryPath + ".weight", "must not be negative (0 or absent means 1), not " + weight);
        }
      }
      enabled.add(new PluginRef(name, weight, entryPath));
    }
    List<String> disabled = new ArrayList<>();
    List<Map<String, Object>> off = list(set.get("disabled"), path + ".disabled");
    for (int i = 0; i < off.size(); i++) {
      String entryPath = path + ".disabled[" + i + "]";
      checkFields(off.get(i), entryPath, Set.of("name", "weight"));
      disabled.add(string(off.get(i).get("name"), entryPath + ".name"));
    }
    return new PluginSet(enabled, disabled);
  }

  /** The point must be one this stage has; upstream's other points may only disable (or bind with DefaultBinder). */
  private void checkPoint(ExtensionPoint point, PluginSet set, String path) {
    boolean stageHasIt = point == ExtensionPoint.MULTI_POINT ? !registry.isEmpty()
        : registry.values().stream().anyMatch(points -> points.contains(point));
    if (point.introducedIn().isEmpty()) {
      // Accepted, so that one file serves upstream and minisched, but said to do nothing here.
      List<String> ignored = new ArrayList<>();
      for (int i = 0; i < set.enabled().size(); i++) {
        String name = set.enabled().get(i).name();
        checkPlugin(name, path + ".enabled[" + i + "].name", true);
        if (!(point == ExtensionPoint.BIND && name.equals("DefaultBinder"))) { // minisched binds as it does
          ignored.add(name);
        }
      }
      for (int i = 0; i < set.disabled().size(); i++) {
        checkPlugin(set.disabled().get(i), path + ".disabled[" + i + "].name", true);
      }
      if (!ignored.isEmpty()) {
        noPoint.add(point.fieldName() + " extension point (" + String.join(", ", ignored) + " enabled there)");
      }
      return;
    }
    if (!stageHasIt && set.enabled().isEmpty() && !set.disabled().isEmpty()
        && set.disabled().stream().allMatch(registry::containsKey)) {
      // Turning the stage's own plugins off at a point it does not have yet turns nothing off:
      // nothing runs there. Accepted, so that one profile serves several stages: the node-number
      // scenario's turns NodeNumber on everywhere but at permit, which only stage 5 on has.
      return;
    }
    if (!stageHasIt) {
      throw new ConfigError(source, path, "extension point \"" + point.fieldName() + "\" is introduced in "
          + point.introducedIn().get() + "; " + module + " has: " + pointsOfStage());
    }
    for (int i = 0; i < set.enabled().size(); i++) {
      checkPlugin(set.enabled().get(i).name(), path + ".enabled[" + i + "].name", false);
    }
    for (int i = 0; i < set.disabled().size(); i++) {
      checkPlugin(set.disabled().get(i), path + ".disabled[" + i + "].name", true);
    }
  }

  private void checkPlugin(String name, String path, boolean disabling) {
    if (registry.containsKey(name) || (disabling && name.equals("*"))) {
      return;
    }
    if (disabling && Stages.upstreamOnly(name)) {
      return; // nothing to disable here; the same file may disable it for upstream
    }
    String known = "; known: " + (registry.isEmpty() ? "none (" + module + " has no plugins)"
        : String.join(", ", new TreeSet<>(registry.keySet())));
    if (Stages.introducing(name).isPresent()) {
      throw new ConfigError(source, path, "plugin \"" + name + "\" is introduced in " + Stages.introducing(name).get()
          + "; it is not in " + module + "'s registry" + known);
    }
    if (V1beta1Scoring.v1Spelling(name).isPresent()) {
      throw new ConfigError(source, path, "plugin \"" + name + "\" is kube-scheduler v1.20's (" + V1BETA1
          + "); in " + V1 + " it is " + V1beta1Scoring.v1Spelling(name).get());
    }
    if (Stages.upstreamOnly(name)) {
      throw new ConfigError(source, path, "plugin \"" + name + "\" is upstream's, but not in minisched" + known);
    }
    throw new ConfigError(source, path, "no plugin \"" + name + "\" in " + module + "'s registry" + known);
  }

  private String pointsOfStage() {
    Set<String> points = new LinkedHashSet<>();
    for (ExtensionPoint point : ExtensionPoint.run()) {
      if (registry.values().stream().anyMatch(p -> p.contains(point))) {
        points.add(point.fieldName());
      }
    }
    if (points.isEmpty()) {
      return "none";
    }
    points.add(ExtensionPoint.MULTI_POINT.fieldName());
    return String.join(", ", points);
  }

  private void checkFields(Map<String, Object> object, String path, Set<String> known) {
    for (String field : object.keySet()) {
      if (!known.contains(field)) {
        throw new ConfigError(source, path.isEmpty() ? field : path + "." + field,
            "unknown field; did you mean " + Settings.closest(field, known) + "?");
      }
    }
  }

  private OptionalInt percentage(Object value, String path) {
    if (value == null) {
      return OptionalInt.empty();
    }
    int percentage = integer(value, path);
    if (percentage < 0 || percentage > 100) {
      throw new ConfigError(source, path, "not in valid range [0-100]: " + percentage);
    }
    return OptionalInt.of(percentage);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(Object value, String path) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new ConfigError(source, path, "must be an object (field: value), not " + value);
    }
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        throw new ConfigError(source, path, "field names must be strings, not " + key);
      }
    }
    return (Map<String, Object>) map;
  }

  private List<Map<String, Object>> list(Object value, String path) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new ConfigError(source, path, "must be a list of {name: …}, not " + value);
    }
    List<Map<String, Object>> result = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      result.add(object(list.get(i), path + "[" + i + "]"));
    }
    return result;
  }

  private String string(Object value, String path) {
    if (value == null) {
      throw new ConfigError(source, path, "Required value");
    }
    if (!(value instanceof String s)) {
      throw new ConfigError(source, path, "must be a string, not " + value);
    }
    return s;
  }

  private int integer(Object value, String path) {
    if (!(value instanceof Integer i)) {
      throw new ConfigError(source, path, "must be an integer, not " + value);
    }
    return i;
  }
}
