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
   * A KubeSchedulerConfiguration (YAML) the scenario needs over the stage's default profile, such
   * as the toy NodeNumber turned on where a stage's default leaves it off (node-number,
   * permit-delays); empty for the default. A file given with {@code -Dminisched.config} replaces it.
   */
  default java.util.Optional<String> configuration() {
    return java.util.Optional.empty();
  }

  /**
   * Sets the stage before the scheduler starts: what is created here is in the scheduler's
   * caches, and its pods in its queue, before its first scheduling cycle. Most scenarios do
   * everything in {@link #run}.
   */
  default void beforeSchedulerStarts(Cluster cluster) throws Exception {}

  /**
   * Plays the story, once the scheduler runs. Throwing (a {@link ScenarioError} from a wait that timed out, say) fails the
   * run; the report is still printed.
   */
  void run(Cluster cluster) throws Exception;
}
