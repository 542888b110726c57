package dev.minisched.scenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One place for every knob of a run. Each setting is read from a system property
 * ({@code -Dminisched.backend=binaries}, which also works on the {@code mvn} command line)
 * and otherwise from the matching environment variable ({@code MINISCHED_BACKEND}).
 */
public final class Settings {
  /**
   * Every key something reads, so that a misspelled one is reported instead of silently ignored
   * ({@link #unknownWarnings}). A new setting is added here.
   */
  static final Set<String> KNOWN_KEYS = Set.of(
      "scenario", "backend", "keepRunning", "schedulerName", "leaderElection", "leaderElection.identity",
      "startTimeout", "apiserver.image", "etcd.image", "binaries.dir", "kubeconfig",
      "kubeconfig.allowRemote", "containers.group", "controlPlane.reuse", "config", "results", "explain",
      "bench.workloads", "bench.rounds", "bench.workers", "bench.kubeScheduler", "bench.timeout", "bench.latency",
      "bench.rate", "bench.jfr",
      // stage7-events' SoakIT
      "soak.pods", "soak.nodes", "soak.seconds");
  /** MINISCHED_ variables that are not settings: .ci/setup-host.sh's cache directory. */
  private static final Set<String> OTHER_VARIABLES = Set.of("MINISCHED_CACHE");

  private static final String PREFIX = "minisched.";

  private final Map<String, String> overrides;

  private Settings(Map<String, String> overrides) {
    this.overrides = overrides;
  }

  /** Settings from system properties and the environment. */
  public static Settings fromEnvironment() {
    return new Settings(Map.of());
  }

  /** Settings where {@code overrides} (keys without the {@code minisched.} prefix) win. */
  public static Settings with(Map<String, String> overrides) {
    return new Settings(Map.copyOf(overrides));
  }

  /** These settings, with {@code key} set to {@code value} unless it is set already. */
  public Settings withDefault(String key, String value) {
    if (get(key).isPresent()) {
      return this;
    }
    Map<String, String> more = new HashMap<>(overrides);
    more.put(key, value);
    return new Settings(Map.copyOf(more));
  }

  /** The property name for a key: {@code backend} → {@code minisched.backend}. */
  public static String property(String key) {
    return PREFIX + key;
  }

  /** The environment variable for a key: {@code etcd.image} → {@code MINISCHED_ETCD_IMAGE}. */
  public static String envVar(String key) {
    return "MINISCHED_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /**
   * One line for each {@code minisched.*} system property and {@code MINISCHED_*} environment
   * variable that is no setting, naming the setting it most likely meant to be.
   */
  public static List<String> unknownWarnings() {
    return unknownWarnings(System.getProperties().stringPropertyNames(), System.getenv().keySet());
  }

  static List<String> unknownWarnings(Set<String> properties, Set<String> variables) {
    List<String> warnings = new ArrayList<>();
    properties.stream().sorted()
        .filter(name -> name.startsWith(PREFIX) && !KNOWN_KEYS.contains(name.substring(PREFIX.length())))
        .forEach(name -> warnings.add(unknown("-D" + name,
            "-D" + property(closest(name.substring(PREFIX.length()), KNOWN_KEYS)))));
    Map<String, String> byVariable = new TreeMap<>();
    KNOWN_KEYS.forEach(key -> byVariable.put(envVar(key), key));
    variables.stream().sorted()
        .filter(name -> name.startsWith("MINISCHED_") && !byVariable.containsKey(name) && !OTHER_VARIABLES.contains(name))
        .forEach(name -> warnings.add(unknown(name, closest(name, byVariable.keySet()))));
    return warnings;
  }

  private static String unknown(String given, String meant) {
    return "[minisched] warning: " + given + " is not a minisched setting and is ignored; did you mean "
        + meant + "? (--help lists the settings)";
  }

  /** The candidate nearest to {@code name} in edit distance, ignoring case; ties go to the first in order. */
  public static String closest(String name, Collection<String> candidates) {
    String lower = name.toLowerCase(Locale.ROOT);
    return candidates.stream().sorted()
        .min(Comparator.comparingInt((String c) -> editDistance(lower, c.toLowerCase(Locale.ROOT))))
        .orElseThrow();
  }

  /** Levenshtein distance: the fewest insertions, deletions and substitutions turning a into b. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  public Optional<String> get(String key) {
    String value = overrides.get(key);
    if (value == null) {
      value = System.getProperty(property(key));
    }
    if (value == null) {
      value = System.getenv(envVar(key));
    }
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }

  public String get(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  /** Reads a plain environment variable that is not ours (KUBEBUILDER_ASSETS, KUBECONFIG). */
  public Optional<String> foreignEnv(String name) {
    return Optional.ofNullable(overrides.getOrDefault(name, System.getenv(name)))
        .filter(v -> !v.isBlank());
  }

  public boolean flag(String key) {
    return get(key).map(v -> v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"))
        .orElse(false);
  }

  public Duration seconds(String key, Duration defaultValue) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(raw.get()) * 1000));
    } catch (NumberFormatException e) {
      throw new UserError(property(key) + "=" + raw.get() + " is not a number of seconds; "
          + "give e.g. -D" + property(key) + "=" + defaultValue.toSeconds());
    }
  }
}
