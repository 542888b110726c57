package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.RunningScheduler;
import dev.minisched.scenarios.Stage;
import dev.minisched.scenarios.controlplane.ControlPlane;

/**
 * A minisched stage started in this JVM through its {@link dev.minisched.scenarios.SchedulerFactory},
 * exactly as the scenarios start it, with a client of its own: what the differential test runs.
 * The benchmark runs a stage as a process of its own instead ({@link StageProcess}), so that it is
 * measured as upstream's kube-scheduler is.
 */
public record MiniSchedContender(Stage stage, String run) implements Contender {
  public static final String SCHEDULER_NAME = "minisched";

  @Override
  public String name() {
    return stage.module() + " (" + run + ")";
  }

  @Override
  public String schedulerName() {
    return SCHEDULER_NAME;
  }

  @Override
  public Run start(ControlPlane controlPlane) throws Exception {
    RunningScheduler scheduler = stage.scheduler().start(controlPlane.newClient(), SCHEDULER_NAME);
    return new Run() {
      @Override
      public void checkAlive() {
        // In-process: a scheduler that stopped would show as pods that are never bound.
      }

      @Override
      public void close() {
        scheduler.close();
      }
    };
  }
}
