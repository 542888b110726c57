package dev.minisched.scenarios.config;

import dev.minisched.scenarios.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plugin's {@code args} from the profile's {@code pluginConfig}, for the plugin's factory to
 * read. Upstream decodes them into a typed struct per plugin (NodeResourcesFitArgs); here the
 * factory reads the fields it knows, with their defaults, and then calls {@link #done}, which
 * reports any field it did not read. Every error names the field's path in the file.
 *
 * <p>Read by one thread, while a stage builds its plugins.
 */
public final class PluginArgs {
  private final String source;
  private final String path;
  private final Map<String, Object> fields;
  private final Set<String> known = new LinkedHashSet<>();

  PluginArgs(String source, String path, Map<String, Object> fields) {
    this.source = source;
    this.path = path;
    this.fields = new LinkedHashMap<>(fields);
  }

  /** No args: every read returns its default. */
  public static PluginArgs none(String plugin) {
    return new PluginArgs("the default profile", "pluginConfig[" + plugin + "].args", Map.of());
  }

  /** Args from a map, as a test writes them: {@code PluginArgs.of("X", Map.of("permit", true))}. */
  public static PluginArgs of(String plugin, Map<String, Object> fields) {
    return new PluginArgs("test", "pluginConfig[" + plugin + "].args", fields);
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** The fields as given, for printing the profile back. */
  Map<String, Object> fields() {
    return fields;
  }

  /** Where the args stand in the file, for errors. */
  String path() {
    return path;
  }

  public String string(String field, String defaultValue) {
    Object value = read(field);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof String s)) {
      throw invalid(field, "must be a string, not " + value);
    }
    return s;
  }

  public boolean bool(String field, boolean defaultValue) {
    Object value = read(field);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean b)) {
      throw invalid(field, "must be true or false, not " + value);
    }
    return b;
  }

  public long integer(String field, long defaultValue) {
    Object value = read(field);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw invalid(field, "must be an integer, not " + value);
    }
    return ((Number) value).longValue();
  }

  /** A nested object; empty args if the field is absent. */
  public PluginArgs object(String field) {
    Object value = read(field);
    if (value == null) {
      return new PluginArgs(source, path + "." + field, Map.of());
    }
    return new PluginArgs(source, path + "." + field, asMap(value, field));
  }

  /** A list of objects; empty if the field is absent. */
  public List<PluginArgs> objects(String field) {
    Object value = read(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw invalid(field, "must be a list, not " + value);
    }
    List<PluginArgs> result = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      result.add(new PluginArgs(source, path + "." + field + "[" + i + "]", asMap(list.get(i), field + "[" + i + "]")));
    }
    return result;
  }

  /** True if the field is given (and marks it as known). */
  public boolean has(String field) {
    return read(field) != null;
  }

  /**
   * Ends reading: a field no read asked for is unknown to the plugin, and reported with the
   * nearest field it does know.
   */
  public void done() {
    for (String field : fields.keySet()) {
      if (!known.contains(field)) {
        throw new ConfigError(source, path + "." + field, "unknown field"
            + (known.isEmpty() ? "; this plugin takes no args here" : "; did you mean " + Settings.closest(field, known) + "?"));
      }
    }
  }

  /** An error about one field of these args, for a value the plugin cannot use. */
  public ConfigError invalid(String field, String message) {
    return new ConfigError(source, path + "." + field, message);
  }

  private Object read(String field) {
    known.add(field);
    return fields.get(field);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(Object value, String field) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new ConfigError(source, path + "." + field, "must be an object, not " + value);
    }
    return (Map<String, Object>) map;
  }
}
