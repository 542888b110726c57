package dev.minisched.scenarios;

/**
 * A scenario did not go as it expected: a pod was not bound in time, or the API server refused
 * an object the scenario tried to create. The message says which, and what the cluster said.
 */
public class ScenarioError extends UserError {
  public ScenarioError(String message) {
    super(message);
  }

  public ScenarioError(String message, Throwable cause) {
    super(message, cause);
  }
}
