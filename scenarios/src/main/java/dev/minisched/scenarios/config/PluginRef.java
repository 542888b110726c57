package dev.minisched.scenarios.config;

/**
 * One entry of a plugin set's {@code enabled} list. Upstream: {@code config.Plugin}.
 *
 * @param name the plugin's name, as its registry knows it
 * @param weight its score weight; 0 means "not given", which counts as 1
 * @param path where it stands in the file, for errors; empty for a stage's default profile
 */
public record PluginRef(String name, int weight, String path) {
  public static PluginRef of(String name) {
    return new PluginRef(name, 0, "");
  }

  public static PluginRef of(String name, int weight) {
    return new PluginRef(name, weight, "");
  }
}
