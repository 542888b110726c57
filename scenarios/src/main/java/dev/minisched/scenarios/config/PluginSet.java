package dev.minisched.scenarios.config;

import java.util.List;

/**
 * The plugins one extension point enables and disables. Upstream: {@code config.PluginSet}. A
 * disabled name {@code "*"} disables every default plugin of the point.
 */
public record PluginSet(List<PluginRef> enabled, List<String> disabled) {
  public static final PluginSet EMPTY = new PluginSet(List.of(), List.of());

  public PluginSet {
    enabled = List.copyOf(enabled);
    disabled = List.copyOf(disabled);
  }

  public boolean isEmpty() {
    return enabled.isEmpty() && disabled.isEmpty();
  }
}
