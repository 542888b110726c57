package dev.minisched.scenarios;

/**
 * A run whose scenario applies a manifest the API server refuses (a pod whose name is not a DNS
 * subdomain), in a JVM of its own, for the errors IT: one line with the API server's words, exit
 * code 1, and everything stopped.
 */
public final class RefusedManifestMain {
  private RefusedManifestMain() {}

  public static void main(String[] args) {
    Stage stage = new Stage("errors-it", "refused-manifest", (client, name) -> () -> {}); // schedules nothing
    Scenario refused = new Scenario() {
      @Override
      public String name() {
        return "refused-manifest";
      }

      @Override
      public String description() {
        return "applies a manifest with a pod named Not_A_Valid_Name";
      }

      @Override
      public void run(Cluster cluster) {
        cluster.apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: Not_A_Valid_Name
            spec:
              containers: [{name: main, image: registry.k8s.io/pause:3.10}]
            """);
      }
    };
    System.exit(ScenarioRunner.exitCode(() -> ScenarioRunner.run(stage, refused, Settings.fromEnvironment())));
  }
}
