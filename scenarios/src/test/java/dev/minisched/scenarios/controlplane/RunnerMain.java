package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Scenarios;
import dev.minisched.scenarios.Stage;

/**
 * A stage's main as users run it, for tests that need a JVM of their own (its own environment,
 * its own exit code). Fails loudly if it ever got as far as starting a scheduler.
 */
public final class RunnerMain {
  private RunnerMain() {}

  public static void main(String[] args) {
    Stage stage = new Stage("errors-it", Scenarios.ALL.get(0).name(), (client, name) -> {
      throw new AssertionError("the control plane was expected to fail before any scheduler starts");
    });
    ScenarioRunner.main(stage, args);
  }
}
