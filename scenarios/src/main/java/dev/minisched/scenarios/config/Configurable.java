package dev.minisched.scenarios.config;

import dev.minisched.scenarios.SchedulerFactory;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a stage offers a configuration file: its default profile, its registry (each plugin's name
 * and the extension points it implements), and a way to start its scheduler with a profile.
 *
 * @param defaults the stage's default profile: what it runs with no file
 * @param registry each registered plugin and the extension points it implements
 * @param scheduler builds the stage's plugins for a profile, reading their args (so a bad value
 *     fails here, with its path, before a control plane starts) and returns how to start it
 */
public record Configurable(KubeSchedulerProfile defaults, Map<String, Set<ExtensionPoint>> registry,
    Function<Profile, SchedulerFactory> scheduler) {
  public Configurable {
    registry = Map.copyOf(registry);
  }

  /** The stage's default profile, resolved as a file without profiles would be. */
  public Profile defaultProfile() {
    return Profiles.resolve(defaults, null, registry, "the default profile", java.util.OptionalInt.empty(),
        Profile.DEFAULT_PARALLELISM);
  }
}
