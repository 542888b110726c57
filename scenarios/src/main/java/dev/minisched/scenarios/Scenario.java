package dev.minisched.scenarios;

/**
 * A story to play against a scheduler: create nodes and pods, change them, wait for outcomes.
 * Scenarios are plain classes in {@code dev.minisched.scenarios.catalog}; copy one, edit it, and
 * add it to {@link Scenarios#ALL} to try your own case.
 */
public interface Scenario {

  /** The name users select it by: {@code -Dminisched.scenario=NAME}. Lower case, dashes. */
  String name();

  /** One line: what it shows. */
  String description();

  /**
   * Plays the story. Throwing (a {@link ScenarioError} from a wait that timed out, say) fails the
   * run; the report is still printed.
   */
  void run(Cluster cluster) throws Exception;
}
