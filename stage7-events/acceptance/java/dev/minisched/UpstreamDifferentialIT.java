package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.differential.Comparison;
import dev.minisched.scenarios.differential.Comparison.Verdict;
import dev.minisched.scenarios.differential.Differential;
import dev.minisched.scenarios.differential.DifferentialWorkload;
import dev.minisched.scenarios.differential.Profile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The check that stage 7 is faithful to upstream: the same workload ({@link MixedWorkload}: 20
 * nodes, 40 pods) through upstream's kube-scheduler (v1.20.2, the binary CI builds, configured
 * with exactly stage 7's plugins and weights) and through stage 7, on fresh cluster state each,
 * pods created one at a time; the same pods stay pending with the same FailedScheduling message,
 * and wherever upstream's best node is unique (by its own scores, from its log) both choose it.
 * Known v1.20 → v1.34 differences are mapped in {@code UpstreamDifferences} only. Each test
 * prints its comparison table.
 *
 * <p>Three views: stage 7 against upstream (the check); upstream against itself, which proves the
 * workload decisive (no tie left to chance) and complete (every reason shown); and stage 7's
 * filters alone, with each placed pod pinned to upstream's node, so a filter difference shows
 * even when a score difference would otherwise hide it. The toy NodeNumber plugin, which upstream
 * lacks, stays neutral: no name in the workload ends in a digit.
 */
class UpstreamDifferentialIT {
  /**
   * v1.34's default filters and score weights for the plugins the stages port
   * (pkg/scheduler/apis/config/v1/default_plugins.go).
   */
  static final Profile V134_DEFAULTS = new Profile(
      List.of("NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit"), Map.of())
      .score("TaintToleration", 3).score("NodeAffinity", 2).score("NodeResourcesFit", 1)
      .score("NodeResourcesBalancedAllocation", 1);

  /** Stage 7's plugins in v1.34's names, as {@code Scheduler.framework()} lists them. */
  static final Profile STAGE7 = V134_DEFAULTS.score("NodeNumber", 1);

  /**
   * The check itself: stage 7 against upstream on the mixed workload. Every p-pod lands on
   * upstream's node (all 25 have a unique best, which the decisive run below ensures), every f-pod
   * stays pending with upstream's message in v1.34's words.
   */
  @Test
  void stage7DecidesTheMixedWorkloadAsUpstreamDoes() {
    try (var framework = Scheduler.framework()) {
      STAGE7.scores().forEach((plugin, weight) -> assertThat(framework.weight(plugin)).as(plugin).isEqualTo(weight));
    }
    DifferentialWorkload workload = MixedWorkload.create();

    Comparison comparison = Differential.run(Main.STAGE, STAGE7, workload, Settings.fromEnvironment());

    assertThat(comparison.workloadDefects()).isEmpty();
    assertThat(comparison.disagreements()).isEmpty();
    assertThat(comparison.count(Verdict.SAME_NODE)).isEqualTo(MixedWorkload.UPSTREAM_PLACEMENT.size());
    assertThat(comparison.count(Verdict.SAME_MESSAGE)).isEqualTo(workload.pods().size() - MixedWorkload.UPSTREAM_PLACEMENT.size());
  }

  /**
   * The mixed workload, upstream against itself with the real plugins: it must be decisive (every
   * pod that fits has one best node, so two runs agree), keep BalancedAllocation flat, place every
   * p-pod and leave every f-pod pending, and show every reason the filters give.
   */
  @Test
  void theMixedWorkloadIsDecisiveAndShowsEveryReason() {
    DifferentialWorkload workload = MixedWorkload.create();
    assertThat(names(workload)).as("NodeNumber stays neutral").noneMatch(name -> Character.isDigit(name.charAt(name.length() - 1)));

    Comparison comparison = Differential.runUpstreamTwice(V134_DEFAULTS, workload, Settings.fromEnvironment());

    assertThat(comparison.workloadDefects()).isEmpty();
    assertThat(comparison.disagreements()).isEmpty();
    assertThat(comparison.count(Verdict.TIE_SAME_NODE)).as("pods whose best node was not unique").isZero();
    assertThat(comparison.rows()).allSatisfy(r -> assertThat(r.upstream().node().isPresent())
        .as(r.pod() + " is bound").isEqualTo(r.pod().startsWith("p")));
    assertThat(comparison.rows()).filteredOn(r -> r.upstream().node().isPresent())
        .allSatisfy(r -> assertThat(r.upstream().node()).as("MixedWorkload.UPSTREAM_PLACEMENT of " + r.pod())
            .contains(MixedWorkload.UPSTREAM_PLACEMENT.get(r.pod())));
    String messages = comparison.rows().stream().flatMap(r -> r.upstreamMessageV134().stream())
        .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(messages).contains("node(s) were unschedulable", "node(s) had untolerated taint {dedicated: gpu}",
        "node(s) had untolerated taint {team: ml}", "node(s) had untolerated taint {maintenance: soon}",
        "node(s) didn't match Pod's node affinity/selector", "Insufficient cpu", "Insufficient memory", "Too many pods");
  }

  /**
   * Stage 7's filters against upstream's on the mixed workload, each p-pod pinned to one node
   * ({@link MixedWorkload#pinned()}): the f-pods' messages count every node's reason, so every
   * filter's verdict on every node is compared, on a cluster that fills up as the pods land.
   */
  @Test
  void stage7FiltersEveryNodeAsUpstreamDoes() {
    DifferentialWorkload workload = MixedWorkload.pinned();

    Comparison comparison = Differential.run(Main.STAGE, STAGE7, workload, Settings.fromEnvironment());

    assertThat(comparison.workloadDefects()).isEmpty();
    assertThat(comparison.disagreements()).isEmpty();
    assertThat(comparison.count(Verdict.SAME_NODE)).isEqualTo(MixedWorkload.UPSTREAM_PLACEMENT.size());
    assertThat(comparison.count(Verdict.SAME_MESSAGE)).isEqualTo(workload.pods().size() - MixedWorkload.UPSTREAM_PLACEMENT.size());
  }

  static List<String> names(DifferentialWorkload workload) {
    return java.util.stream.Stream.concat(workload.nodes().stream().map(n -> n.getMetadata().getName()),
        workload.pods().stream().map(p -> p.getMetadata().getName())).toList();
  }
}
