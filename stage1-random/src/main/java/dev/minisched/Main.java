package dev.minisched;

import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Stage;

/** Runs stage 1 against a fresh control plane: {@code mvn -pl stage1-random compile exec:java}. */
public final class Main {
  static final Stage STAGE = new Stage("stage1-random", "random-spread", Scheduler::start);

  private Main() {}

  public static void main(String[] args) {
    ScenarioRunner.main(STAGE, args);
  }
}
