package dev.minisched.scenarios.differential;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stage;
import dev.minisched.scenarios.UserError;
import dev.minisched.scenarios.bench.BenchSettings;
import dev.minisched.scenarios.bench.Contender;
import dev.minisched.scenarios.bench.MiniSchedContender;
import dev.minisched.scenarios.bench.UpstreamScheduler;
import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * "Does the port decide as upstream does?" One control plane; on it, upstream's kube-scheduler
 * (the binary CI builds, v1.20.2) with a configuration running exactly the stage's plugins and
 * weights, then the stage's scheduler in this JVM, each through the same workload on a fresh
 * cluster state ({@link Trial}), both answering to the same scheduler name. Then
 * {@link Comparison} sets their decisions side by side and prints the table; known differences
 * between v1.20 and v1.34 are mapped by {@link UpstreamDifferences} and nowhere else.
 *
 * <p>Runs on the caller's thread.
 */
public final class Differential {
  private static final Duration PER_POD = Duration.ofSeconds(30);

  private Differential() {}

  /** Upstream, then the stage, through the workload; prints and returns the comparison. */
  public static Comparison run(Stage stage, Profile profile, DifferentialWorkload workload, Settings settings) {
    return compare(profile, workload, settings, new MiniSchedContender(stage, "in-process"));
  }

  /**
   * Upstream against itself: two runs of the same binary and profile. They agree on every pod
   * exactly when the workload is decisive (no tie upstream breaks at random), so this checks the
   * workload and the whole machinery with upstream's real plugins, whatever a stage has yet.
   */
  public static Comparison runUpstreamTwice(Profile profile, DifferentialWorkload workload, Settings settings) {
    return compare(profile, workload, settings, upstream(profile, settings));
  }

  private static UpstreamScheduler upstream(Profile profile, Settings settings) {
    Path binary = BenchSettings.from(settings).kubeScheduler().orElseThrow(() -> new UserError(
        "the differential test needs upstream's kube-scheduler: set -D" + Settings.property("bench.kubeScheduler")
            + "=PATH (.ci/setup-host.sh builds one at ~/.cache/minisched/bin/kube-scheduler)"));
    return UpstreamScheduler.configured(binary,
        UpstreamDifferences.configurationFor(profile, MiniSchedContender.SCHEDULER_NAME), List.of(UpstreamScores.VMODULE));
  }

  private static Comparison compare(Profile profile, DifferentialWorkload workload, Settings settings,
      Contender candidate) {
    UpstreamScheduler upstream = upstream(profile, settings);
    try (ControlPlane controlPlane = ControlPlanes.start(settings.withDefault("backend", "binaries"))) {
      if (controlPlane.isShared()) {
        throw new UserError("the differential test deletes every node and pod between the schedulers, so it runs "
            + "only on a control plane of its own: select -D" + Settings.property("backend") + "=binaries or containers");
      }
      Trial trial = new Trial(controlPlane, controlPlane.newClient(), PER_POD);
      Trial.Result upstreamResult = trial.run(upstream, workload);
      Trial.Result candidateResult = trial.run(candidate, workload);
      Comparison comparison = Comparison.of(workload.name(), profile, upstreamResult, candidateResult);
      System.out.println("\n[differential] known differences v1.20 → v1.34, mapped by UpstreamDifferences:");
      UpstreamDifferences.all().forEach(d -> System.out.printf("  - %s: v1.20 %s; v1.34 %s [%s] → %s%n",
          d.what(), d.v120(), d.v134(), d.change(), d.handling()));
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
