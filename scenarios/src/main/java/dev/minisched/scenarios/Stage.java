package dev.minisched.scenarios;

import dev.minisched.scenarios.config.ConfigFile;
import dev.minisched.scenarios.config.Configurable;

/**
 * A stage the harness runs: its module name, its default scenario, and how to start its scheduler.
 *
 * @param scheduler starts the scheduler with the stage's default profile
 * @param configurable the stage's default profile and registry, for a configuration file; null
 *     for a scheduler that takes none (the harness's own tests)
 */
public record Stage(String module, String defaultScenario, SchedulerFactory scheduler, Configurable configurable) {
  public Stage(String module, String defaultScenario, SchedulerFactory scheduler) {
    this(module, defaultScenario, scheduler, null);
  }

  /** A stage whose scheduler runs a profile: with none given, its default profile. */
  public Stage(String module, String defaultScenario, Configurable configurable) {
    this(module, defaultScenario, configurable.scheduler().apply(configurable.defaultProfile()), configurable);
  }

  /**
   * Starts the scheduler with the profile in {@code yaml} (a KubeSchedulerConfiguration) merged
   * over the stage's default; tests use it for a scheduler with, say, NodeNumber's permit on.
   */
  public SchedulerFactory scheduler(String yaml) {
    if (configurable == null) {
      throw new IllegalStateException(module + " takes no configuration");
    }
    return configurable.scheduler().apply(ConfigFile.parse("configuration", yaml, module, configurable).profile());
  }
}
