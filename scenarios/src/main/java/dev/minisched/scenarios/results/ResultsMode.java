package dev.minisched.scenarios.results;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.UserError;
import java.util.Locale;

/**
 * Where a scheduler puts the record of each scheduling attempt ({@code -Dminisched.results}):
 * on the pod as kube-scheduler-simulator's annotations (the default), as one log line per
 * attempt, or nowhere (the benchmark, which measures the scheduler and not its bookkeeping).
 */
public enum ResultsMode {
  ANNOTATIONS, LOG, OFF;

  static final String KEY = "results";

  /** The mode from {@code -Dminisched.results} or MINISCHED_RESULTS; annotations when unset. */
  public static ResultsMode configured() {
    return from(Settings.fromEnvironment());
  }

  public static ResultsMode from(Settings settings) {
    String value = settings.get(KEY, "annotations");
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserError(Settings.property(KEY) + "=" + value + " is not a results mode; give annotations, log or off");
    }
  }

  /** Whether the framework records anything at all; when not, recording costs nothing. */
  public boolean records() {
    return this != OFF;
  }
}
