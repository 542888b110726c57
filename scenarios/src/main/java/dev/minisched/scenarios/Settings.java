package dev.minisched.scenarios;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One place for every knob of a run. Each setting is read from a system property
 * ({@code -Dminisched.backend=binaries}, which also works on the {@code mvn} command line)
 * and otherwise from the matching environment variable ({@code MINISCHED_BACKEND}).
 */
public final class Settings {
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
    return "minisched." + key;
  }

  /** The environment variable for a key: {@code etcd.image} → {@code MINISCHED_ETCD_IMAGE}. */
  public static String envVar(String key) {
    return "MINISCHED_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
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
