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
 * nodes, 40 pods) through upstream's kube-scheduler (v1.34, the binary CI builds) and through
 * stage 7, on fresh cluster state each, pods created one at a time, both reading one v1
 * configuration file that runs exactly v1.34's default filters and score plugins for what stage 7
 * ports, with their default weights; the same pods stay pending with the same FailedScheduling
 * message, word for word, and wherever upstream's best node is unique (by its own scores, from its
 * log) both choose it. Nothing is translated between the two: a difference is stage 7's to fix.
 * Each test prints its comparison table.
 *
 * <p>Three views: stage 7 against upstream (the check); upstream against itself, which proves the
 * workload decisive (no tie left to chance) and complete (every reason shown); and stage 7's
 * filters alone, with each placed pod pinned to upstream's node, so a filter difference shows
 * even when a score difference would otherwise hide it.
 */
class UpstreamDifferentialIT {
  /**
   * v1.34's default filters and score weights for the plugins the stages port
   * (pkg/scheduler/apis/config/v1/default_plugins.go): the profile of the one file both read.
   */
  static final Profile V134_DEFAULTS = new Profile(
      List.of("NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit"), Map.of())
      .score("TaintToleration", 3).score("NodeAffinity", 2).score("NodeResourcesFit", 1)
      .score("NodeResourcesBalancedAllocation", 1);

  /**
   * The check itself: stage 7 against upstream on the mixed workload. Every p-pod lands on
   * upstream's node (all 25 have a unique best, which the decisive run below ensures), every f-pod
   * stays pending with upstream's message. The file's weights are stage 7's own defaults, so the
   * check holds for the profile a learner runs, but for the toys it leaves out (NodeNumber,
   * Coscheduling).
   */
  @Test
  void stage7DecidesTheMixedWorkloadAsUpstreamDoes() {
    try (var framework = Scheduler.framework()) {
      V134_DEFAULTS.scores().forEach((plugin, weight) -> assertThat(framework.weight(plugin)).as(plugin).isEqualTo(weight));
    }
    DifferentialWorkload workload = MixedWorkload.create();

    Comparison comparison = Differential.run(Main.STAGE, V134_DEFAULTS, workload, Settings.fromEnvironment());

    assertThat(comparison.workloadDefects()).isEmpty();
    assertThat(comparison.disagreements()).isEmpty();
    assertThat(comparison.count(Verdict.SAME_NODE)).isEqualTo(MixedWorkload.UPSTREAM_PLACEMENT.size());
    assertThat(comparison.count(Verdict.SAME_MESSAGE)).isEqualTo(workload.pods().size() - MixedWorkload.UPSTREAM_PLACEMENT.size());
  }

  /**
   * The mixed workload, upstream against itself with the real plugins: it must be decisive (every
   * pod that fits has one best node, so two runs agree), place every p-pod where
   * {@link MixedWorkload#UPSTREAM_PLACEMENT} says and leave every f-pod pending, show every reason
   * the filters give, and let BalancedAllocation decide some pods ({@link MixedWorkload#BALANCE_DECIDES}).
   */
  @Test
  void theMixedWorkloadIsDecisiveAndShowsEveryReason() {
    DifferentialWorkload workload = MixedWorkload.create();

    Comparison comparison = Differential.runUpstreamTwice(V134_DEFAULTS, workload, Settings.fromEnvironment());

    assertThat(comparison.workloadDefects()).isEmpty();
    assertThat(comparison.disagreements()).isEmpty();
    assertThat(comparison.count(Verdict.TIE_SAME_NODE)).as("pods whose best node was not unique").isZero();
    assertThat(comparison.rows()).allSatisfy(r -> assertThat(r.upstream().node().isPresent())
        .as(r.pod() + " is bound").isEqualTo(r.pod().startsWith("p")));
    assertThat(comparison.rows()).filteredOn(r -> r.upstream().node().isPresent())
        .allSatisfy(r -> assertThat(r.upstream().node()).as("MixedWorkload.UPSTREAM_PLACEMENT of " + r.pod())
            .contains(MixedWorkload.UPSTREAM_PLACEMENT.get(r.pod())));
    String messages = comparison.rows().stream().flatMap(r -> r.upstream().message().stream())
        .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(messages).contains("node(s) were unschedulable", "node(s) had untolerated taint(s)",
        "node(s) didn't match Pod's node affinity/selector", "Insufficient cpu", "Insufficient memory", "Too many pods");
    assertThat(comparison.decidedBy("NodeResourcesBalancedAllocation")).as("pods whose node BalancedAllocation decided")
        .containsExactlyElementsOf(MixedWorkload.BALANCE_DECIDES);
  }

  /**
   * Stage 7's filters against upstream's on the mixed workload, each p-pod pinned to one node
   * ({@link MixedWorkload#pinned()}): the f-pods' messages count every node's reason, so every
   * filter's verdict on every node is compared, on a cluster that fills up as the pods land.
   */
  @Test
  void stage7FiltersEveryNodeAsUpstreamDoes() {
    DifferentialWorkload workload = MixedWorkload.pinned();

    Comparison comparison = Differential.run(Main.STAGE, V134_DEFAULTS, workload, Settings.fromEnvironment());

    assertThat(comparison.workloadDefects()).isEmpty();
    assertThat(comparison.disagreements()).isEmpty();
    assertThat(comparison.count(Verdict.SAME_NODE)).isEqualTo(MixedWorkload.UPSTREAM_PLACEMENT.size());
    assertThat(comparison.count(Verdict.SAME_MESSAGE)).isEqualTo(workload.pods().size() - MixedWorkload.UPSTREAM_PLACEMENT.size());
  }

}
