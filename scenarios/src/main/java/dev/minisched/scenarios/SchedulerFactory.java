package dev.minisched.scenarios;

import io.kubernetes.client.openapi.ApiClient;

/**
 * How the harness starts a stage's scheduler. A stage module implements this (usually as a
 * method reference to its scheduler's {@code start}) and hands it to {@link ScenarioRunner}.
 */
@FunctionalInterface
public interface SchedulerFactory {

  /**
   * Starts a scheduler that takes exactly the pods whose {@code spec.schedulerName} is
   * {@code schedulerName}, and returns once its informers have synced, so that a scenario
   * started afterwards cannot race the first list.
   */
  RunningScheduler start(ApiClient client, String schedulerName) throws Exception;
}
