package dev.minisched;

import dev.minisched.plugins.Registry;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Stage;

/** Runs stage 5 against a fresh control plane: {@code mvn -pl stage5-permit compile exec:java}. */
public final class Main {
  static final Stage STAGE = new Stage("stage5-permit", "permit-delays",
      Scheduler.configurable(Registry.inTree()));

  private Main() {}

  public static void main(String[] args) {
    ScenarioRunner.main(STAGE, args);
  }
}
