package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.RunningScheduler;
import dev.minisched.scenarios.Stage;
import dev.minisched.scenarios.controlplane.ControlPlane;

/**
 * A minisched stage, started in this JVM (once in a cold JVM, then again in the same JVM, warm) through its {@link dev.minisched.scenarios.SchedulerFactory}
 * exactly as the scenarios start it, with a client of its own. client-java has no client-side
 * rate limit (client-go's default is 5 QPS, kube-scheduler's 50), so nothing throttles it.
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
    JvmMeter meter = JvmMeter.begin();
    RunningScheduler scheduler = stage.scheduler().start(controlPlane.newClient(), SCHEDULER_NAME);
    return new Run() {
      @Override
      public void checkAlive() {
        // In-process: a scheduler that stopped would show as pods that are never bound.
      }

      @Override
      public ResourceUse usage() {
        return meter.read();
      }

      @Override
      public void close() {
        scheduler.close();
      }
    };
  }
}
