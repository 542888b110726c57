package dev.minisched;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.NodeTemplate;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.differential.Comparison;
import dev.minisched.scenarios.differential.Comparison.Verdict;
import dev.minisched.scenarios.differential.Differential;
import dev.minisched.scenarios.differential.DifferentialWorkload;
import dev.minisched.scenarios.differential.Profile;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The check that stage 7 is faithful to upstream: the same workload through upstream's
 * kube-scheduler (v1.20.2, the binary CI builds, configured with exactly stage 7's plugins and
 * weights) and through stage 7, on fresh cluster state each; the same pods stay pending with the
 * same FailedScheduling message, and wherever upstream's best node is unique both choose it.
 * Known v1.20 → v1.34 differences are mapped in UpstreamDifferences only. The comparison table
 * is printed.
 *
 * <p>Stage 7 runs NodeUnschedulable as its only filter and the toy NodeNumber as its only score
 * plugin (no upstream counterpart, so upstream runs no score plugin): these workloads give every
 * pod one feasible node or none. {@link MixedWorkload} is the full workload for the real plugins.
 */
class UpstreamDifferentialIT {
  /** Stage 7's plugins in v1.34's names: {@code Scheduler.framework()}. */
  static final Profile STAGE7 = Profile.of(
      List.of("NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit")).score("NodeNumber", 1);

  /**
   * Stage 7's profile once the real plugins are in: v1.34's default filters and score weights for
   * them (pkg/scheduler/apis/config/v1/default_plugins.go).
   */
  static final Profile V134_DEFAULTS = new Profile(
      List.of("NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit"), Map.of())
      .score("TaintToleration", 3).score("NodeAffinity", 2).score("NodeResourcesFit", 1)
      .score("NodeResourcesBalancedAllocation", 1);

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

  @Test
  void podsThatFitNowhereStayPendingWithUpstreamsMessage() {
    List<NodeTemplate> nodes = IntStream.range(0, 4).mapToObj(i -> node("node" + i).unschedulable()).toList();
    DifferentialWorkload workload = new DifferentialWorkload("every node cordoned",
        nodes.stream().map(NodeTemplate::toNode).toList(),
        List.of(pod("pod0").toPod("default", "set-by-the-run"),
            pod("pod1").requests("cpu", "500m").tolerate("dedicated", "NoSchedule").toPod("default", "set-by-the-run")));

    Comparison comparison = Differential.run(Main.STAGE, STAGE7, workload, Settings.fromEnvironment());

    assertThat(comparison.disagreements()).isEmpty();
    assertThat(comparison.workloadDefects()).isEmpty();
    assertThat(comparison.count(Verdict.SAME_MESSAGE)).isEqualTo(2);
    assertThat(comparison.rows()).allSatisfy(r -> assertThat(r.stage().message())
        .contains("0/4 nodes are available: 4 node(s) were unschedulable."));
  }

  @Test
  void theOnlyNodeThatFitsTakesEveryPodInBoth() {
    List<NodeTemplate> nodes = List.of(node("node0").unschedulable(), node("node1").unschedulable(),
        node("node2"), node("node3").unschedulable());
    DifferentialWorkload workload = new DifferentialWorkload("one node open",
        nodes.stream().map(NodeTemplate::toNode).toList(),
        List.of(pod("pod0").toPod("default", "set-by-the-run"), pod("pod1").toPod("default", "set-by-the-run"),
            pod("pod2").requests("memory", "1Gi").toPod("default", "set-by-the-run")));

    Comparison comparison = Differential.run(Main.STAGE, STAGE7, workload, Settings.fromEnvironment());

    assertThat(comparison.disagreements()).isEmpty();
    assertThat(comparison.workloadDefects()).isEmpty();
    assertThat(comparison.count(Verdict.SAME_NODE)).isEqualTo(3);
    assertThat(comparison.rows()).allSatisfy(r -> assertThat(r.stage().node()).contains("node2"));
  }

  static List<String> names(DifferentialWorkload workload) {
    return java.util.stream.Stream.concat(workload.nodes().stream().map(n -> n.getMetadata().getName()),
        workload.pods().stream().map(p -> p.getMetadata().getName())).toList();
  }
}
