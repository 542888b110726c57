package dev.minisched.scenarios.bench;

import java.util.List;
import java.util.Optional;

/** The median, minimum and maximum of a few rounds' figures. */
final class Stats {
  private Stats() {}

  /** The middle value, or the mean of the two middle ones for an even count. */
  static Optional<Double> median(List<Double> values) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
  }

  static Optional<Double> min(List<Double> values) {
    return values.stream().min(Double::compare);
  }

  static Optional<Double> max(List<Double> values) {
    return values.stream().max(Double::compare);
  }
}
