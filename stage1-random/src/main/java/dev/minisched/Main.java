package dev.minisched;

import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Stage;
import dev.minisched.scenarios.config.Configurable;
import dev.minisched.scenarios.config.KubeSchedulerProfile;
import java.util.Map;

/** Runs stage 1 against a fresh control plane: {@code mvn -pl stage1-random compile exec:java}. */
public final class Main {
  /**
   * Stage 1 has no plugins, so its profile is empty: a configuration file that names a plugin or
   * an extension point is told which stage introduces it.
   */
  static final Stage STAGE = new Stage("stage1-random", "random-spread",
      new Configurable(KubeSchedulerProfile.builder().build(), Map.of(), profile -> Scheduler::start));

  private Main() {}

  public static void main(String[] args) {
    ScenarioRunner.main(STAGE, args);
  }
}
