package dev.minisched.framework;

import java.util.List;
import java.util.Map;

/**
 * What the score phase returns: each score plugin's normalized, weighted scores per node (in
 * plugin order), or the status of the plugin that failed. Upstream returns the pair
 * {@code (PluginToNodeScores, *Status)}.
 */
public record PluginScores(Map<String, List<NodeScore>> byPlugin, Status status) {
  static PluginScores failed(Status status) {
    return new PluginScores(Map.of(), status);
  }
}
