package dev.minisched.scenarios.differential;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stage;
import dev.minisched.scenarios.UserError;
import dev.minisched.scenarios.bench.BenchSettings;
import dev.minisched.scenarios.bench.Contender;
import dev.minisched.scenarios.bench.KubeSchedulerConfiguration;
import dev.minisched.scenarios.bench.MiniSchedContender;
import dev.minisched.scenarios.bench.UpstreamScheduler;
import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * "Does the port decide as upstream does?" One control plane; on it, upstream's kube-scheduler
 * (the binary CI builds, v1.34) and then the stage's scheduler in this JVM, each through the same
 * workload on a fresh cluster state ({@link Trial}), both answering to the same scheduler name and
 * both reading one and the same configuration file: a v1 KubeSchedulerConfiguration that runs
 * exactly the profile's plugins and weights ({@link KubeSchedulerConfiguration#exactly}),
 * kube-scheduler with {@code --config}, the stage through {@link Stage#scheduler(String)}. Then
 * {@link Comparison} sets their decisions side by side and prints the table.
 *
 * <p>Runs on the caller's thread.
 */
public final class Differential {
  private static final Duration PER_POD = Duration.ofSeconds(30);

  private Differential() {}

  /** Upstream, then the stage, through the workload, both reading the profile's file; prints and returns the comparison. */
  public static Comparison run(Stage stage, Profile profile, DifferentialWorkload workload, Settings settings) {
    KubeSchedulerConfiguration file = file(profile);
    return compare(file, workload, settings, new MiniSchedContender(stage, "in-process", Optional.of(file)));
  }

  /**
   * Upstream against itself: two runs of the same binary and file. They agree on every pod
   * exactly when the workload is decisive (no tie upstream breaks at random), so this checks the
   * workload and the whole machinery with upstream's real plugins, whatever a stage has yet.
   */
  public static Comparison runUpstreamTwice(Profile profile, DifferentialWorkload workload, Settings settings) {
    KubeSchedulerConfiguration file = file(profile);
    return compare(file, workload, settings, upstream(file, settings));
  }

  /** The one file both schedulers read: the profile's plugins exactly, for the pods that ask for minisched. */
  static KubeSchedulerConfiguration file(Profile profile) {
    return KubeSchedulerConfiguration.exactly(profile, MiniSchedContender.SCHEDULER_NAME);
  }

  private static UpstreamScheduler upstream(KubeSchedulerConfiguration file, Settings settings) {
    Path binary = BenchSettings.from(settings).kubeScheduler().orElseThrow(() -> new UserError(
        "the differential test needs upstream's kube-scheduler: set -D" + Settings.property("bench.kubeScheduler")
            + "=PATH (.ci/setup-host.sh builds one at ~/.cache/minisched/bin/kube-scheduler)"));
    return UpstreamScheduler.configured(binary, file, List.of(UpstreamScores.VMODULE));
  }

  private static Comparison compare(KubeSchedulerConfiguration file, DifferentialWorkload workload, Settings settings,
      Contender candidate) {
    UpstreamScheduler upstream = upstream(file, settings);
    try (ControlPlane controlPlane = ControlPlanes.start(settings.withDefault("backend", "binaries"))) {
      if (controlPlane.isShared()) {
        throw new UserError("the differential test deletes every node and pod between the schedulers, so it runs "
            + "only on a control plane of its own: select -D" + Settings.property("backend") + "=binaries or containers");
      }
      System.out.printf("%n[differential] the one file both read, %s and %s:%n%s", upstream.name(), candidate.name(),
          file.yaml(controlPlane.kubeconfig()));
      Trial trial = new Trial(controlPlane, controlPlane.newClient(), PER_POD);
      Trial.Result upstreamResult = trial.run(upstream, workload);
      Trial.Result candidateResult = trial.run(candidate, workload);
      Comparison comparison = Comparison.of(workload.name(), upstreamResult, candidateResult);
      comparison.print(System.out);
      return comparison;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("differential run interrupted", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("differential run failed: " + e, e);
    }
  }
}
