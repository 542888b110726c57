package dev.minisched.scenarios.differential;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugins both schedulers run in a differential test, in upstream v1.34's names: the filters
 * in the order they run, and the score plugins with their weights.
 * {@link dev.minisched.scenarios.bench.KubeSchedulerConfiguration#exactly} writes it as the one v1
 * file both read.
 *
 * @param filters Filter plugins, in order
 * @param scores Score plugins and their weights, in order
 */
public record Profile(List<String> filters, Map<String, Integer> scores) {
  public Profile {
    filters = List.copyOf(filters);
    scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
  }

  /** For a profile with no score plugins or one score plugin: {@code Profile.of(List.of("NodeUnschedulable"))}. */
  public static Profile of(List<String> filters) {
    return new Profile(filters, Map.of());
  }

  public Profile score(String plugin, int weight) {
    Map<String, Integer> more = new LinkedHashMap<>(scores);
    more.put(plugin, weight);
    return new Profile(filters, more);
  }
}
