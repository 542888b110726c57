package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.RunningScheduler;
import dev.minisched.scenarios.SchedulerFactory;
import dev.minisched.scenarios.Stage;
import dev.minisched.scenarios.controlplane.ControlPlane;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A minisched stage started in this JVM through its {@link dev.minisched.scenarios.SchedulerFactory},
 * exactly as the scenarios start it, with a client of its own: what the differential test runs.
 * The benchmark runs a stage as a process of its own instead ({@link StageProcess}), so that it is
 * measured as upstream's kube-scheduler is.
 *
 * <p>With a {@code configuration}, the stage reads that file's text ({@link Stage#scheduler(String)}),
 * written for the control plane it runs on, as {@link UpstreamScheduler} writes it for
 * kube-scheduler: given the same configuration, both read the same text, byte for byte. Without
 * one, the stage runs its default profile.
 *
 * @param stage the stage
 * @param run how the report names this way of running it, e.g. "in-process"
 * @param configuration the KubeSchedulerConfiguration the stage reads, if any
 */
public record MiniSchedContender(Stage stage, String run, Optional<KubeSchedulerConfiguration> configuration)
    implements Contender {
  public static final String SCHEDULER_NAME = "minisched";

  /** The stage with its default profile. */
  public MiniSchedContender(Stage stage, String run) {
    this(stage, run, Optional.empty());
  }

  @Override
  public String name() {
    return stage.module() + " (" + run + ")";
  }

  @Override
  public String schedulerName() {
    return configuration.map(KubeSchedulerConfiguration::schedulerName).orElse(SCHEDULER_NAME);
  }

  /** The text the stage reads on a control plane with this kubeconfig, if it reads one. */
  public Optional<String> configText(Path kubeconfig) {
    return configuration.map(c -> c.yaml(kubeconfig));
  }

  @Override
  public Run start(ControlPlane controlPlane) throws Exception {
    SchedulerFactory factory = configText(controlPlane.kubeconfig()).map(stage::scheduler).orElseGet(stage::scheduler);
    RunningScheduler scheduler = factory.start(controlPlane.newClient(), schedulerName());
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
