package dev.minisched;

import dev.minisched.plugins.Registry;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Stage;

/** Runs stage 6 against a fresh control plane: {@code mvn -pl stage6-queue compile exec:java}. */
public final class Main {
  static final Stage STAGE = new Stage("stage6-queue", "node-made-schedulable",
      Scheduler.configurable(Registry.inTree()));

  private Main() {}

  public static void main(String[] args) {
    ScenarioRunner.main(STAGE, args);
  }
}
