package dev.minisched.scenarios;

/**
 * A run whose scenario creates a pod the API server refuses (its name is not a DNS subdomain),
 * in a JVM of its own, for the errors IT: the scenario's error must be the API server's own
 * words, in one line, with exit code 1 and everything stopped.
 */
public final class InvalidObjectMain {
  private InvalidObjectMain() {}

  public static void main(String[] args) {
    Stage stage = new Stage("errors-it", "invalid-object", (client, name) -> () -> {}); // schedules nothing
    Scenario invalid = new Scenario() {
      @Override
      public String name() {
        return "invalid-object";
      }

      @Override
      public String description() {
        return "creates a pod named Not_A_Valid_Name";
      }

      @Override
      public void run(Cluster cluster) {
        cluster.createPod(PodTemplate.pod("Not_A_Valid_Name"));
      }
    };
    System.exit(ScenarioRunner.exitCode(() -> ScenarioRunner.run(stage, invalid, Settings.fromEnvironment())));
  }
}
