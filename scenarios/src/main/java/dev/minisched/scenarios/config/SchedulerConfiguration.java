package dev.minisched.scenarios.config;

import java.util.List;

/**
 * A checked configuration file for one stage: the profile it runs and what it noted.
 *
 * @param source the file (or where the text came from), for messages
 * @param profile the profile the stage's framework runs
 * @param notes one line each for upstream fields accepted and ignored
 */
public record SchedulerConfiguration(String source, Profile profile, List<String> notes) {
  public SchedulerConfiguration {
    notes = List.copyOf(notes);
  }
}
