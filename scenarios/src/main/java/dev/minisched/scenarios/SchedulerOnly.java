package dev.minisched.scenarios;

import dev.minisched.scenarios.config.SchedulerConfiguration;
import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import java.util.concurrent.CountDownLatch;

/**
 * The stage's scheduler and nothing else ({@code -Dexec.args=schedule}): no scenario, no report.
 * It schedules the pods that ask for it in the cluster of a kubeconfig (the kubeconfig backend,
 * unless {@code -Dminisched.backend} says otherwise: then on a fresh control plane of its own)
 * until SIGTERM or Ctrl-C, as kube-scheduler runs until it is signalled. For learners who create
 * their own pods with kubectl, and for the benchmark, which runs a stage this way as a process of
 * its own to measure it as it measures kube-scheduler.
 *
 * <p>It does not stop when its stdin closes: a process started in the background has
 * {@code /dev/null} there. A harness that starts it stops it with SIGTERM (the benchmark's
 * watchdog sends it when the harness's JVM ends, however it ends).
 */
final class SchedulerOnly {
  /** No scenario, so no scenario profile: only a file can change the stage's default profile. */
  private static final Scenario NO_SCENARIO = new Scenario() {
    @Override
    public String name() {
      return "schedule";
    }

    @Override
    public String description() {
      return "the scheduler only";
    }

    @Override
    public void run(Cluster cluster) {
      // nothing: never played
    }
  };

  private SchedulerOnly() {}

  static void run(Stage stage, Settings settings) {
    // The profile of -Dminisched.config, read and checked before anything starts, as for a scenario.
    SchedulerConfiguration config = ScenarioRunner.configuration(stage, NO_SCENARIO, settings);
    String schedulerName = ScenarioRunner.schedulerName(config, settings);
    SchedulerFactory factory = stage.scheduler();
    if (config != null) {
      config.notes().forEach(note -> System.out.println("[minisched] " + note));
      factory = stage.configurable().scheduler().apply(config.profile());
      System.out.printf("[minisched] profile from %s: %s%n", config.source(), config.profile().describe());
    }
    ControlPlane controlPlane = ControlPlanes.start(settings.withDefault("backend", "kubeconfig"));
    RunningScheduler scheduler;
    try {
      scheduler = ScenarioRunner.startScheduler(stage, factory, controlPlane, schedulerName, settings);
    } catch (RuntimeException e) {
      controlPlane.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      scheduler.close();
      Stopped cluster = controlPlane.stop(); // an existing cluster stays up; one of our own is stopped
      System.out.println("[minisched] " + Stopped.stopped("scheduler " + schedulerName).and(cluster));
      stopped.countDown();
    }, "minisched-schedule-teardown"));
    System.out.printf("[minisched] scheduling the pods that ask for %s in %s until SIGTERM or Ctrl-C "
        + "(kubectl --kubeconfig %s get pods -w)%n", schedulerName, controlPlane.description(), controlPlane.kubeconfig());
    try {
      stopped.await(); // the shutdown hook stops everything
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
