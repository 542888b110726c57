package dev.minisched;

import dev.minisched.plugins.Registry;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Stage;

/** Runs stage 4 against a fresh control plane: {@code mvn -pl stage4-prescore compile exec:java}. */
public final class Main {
  static final Stage STAGE = new Stage("stage4-prescore", "node-number",
      Scheduler.configurable(Registry.inTree()));

  private Main() {}

  public static void main(String[] args) {
    ScenarioRunner.main(STAGE, args);
  }
}
