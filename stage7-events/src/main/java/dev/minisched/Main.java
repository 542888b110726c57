package dev.minisched;

import dev.minisched.plugins.Registry;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Stage;

/** Runs stage 7 against a fresh control plane: {@code mvn -pl stage7-events compile exec:java}. */
public final class Main {
  static final Stage STAGE = new Stage("stage7-events", "node-appears",
      Scheduler.configurable(Registry.inTree()));

  private Main() {}

  public static void main(String[] args) {
    ScenarioRunner.main(STAGE, args);
  }
}
