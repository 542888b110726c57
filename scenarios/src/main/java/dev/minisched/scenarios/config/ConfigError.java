package dev.minisched.scenarios.config;

import dev.minisched.scenarios.UserError;

/**
 * A configuration file minisched cannot run: one line naming the file, the path of the field in
 * it ({@code profiles[0].plugins.filter.enabled[1].name}) and what is wrong there, as upstream's
 * field errors do.
 */
public final class ConfigError extends UserError {
  public ConfigError(String source, String path, String message) {
    super(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
  }
}
