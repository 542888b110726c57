package dev.minisched.scenarios.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading kube-scheduler v1.34's score lines (--vmodule=schedule_one=10), as its klog writes them. */
class UpstreamScoresTest {
  /** klog's text header, as v1.34 writes it for prioritizeNodes' lines. */
  private static final String HEADER = "I1208 00:41:07.118523   12345 schedule_one.go:815] ";

  /** One "Plugin scored node for pod" line for a pod in namespace default. */
  static String line(String pod, String plugin, String node, long score) {
    return HEADER + "\"Plugin scored node for pod\" pod=\"default/" + pod + "\" plugin=\"" + plugin + "\" node=\""
        + node + "\" score=" + score + "\n";
  }

  /** One "Calculated node's final score for pod" line. */
  static String total(String pod, String node, long score) {
    return "I1208 00:41:07.118601   12345 schedule_one.go:882] \"Calculated node's final score for pod\" pod=\"default/"
        + pod + "\" node=\"" + node + "\" score=" + score + "\n";
  }

  /**
   * kube-scheduler v1.34.4's own lines for one pod (three of its 13 feasible nodes), word for word
   * from a differential run: TaintToleration's weight 3 is in its scores already (300: no
   * untolerated PreferNoSchedule taint; 0: the most), NodeAffinity skipped the pod at PreScore
   * (no preferred terms) and logged nothing, and each total is the plain sum.
   */
  static final String V134_LOG = """
      I1208 00:15:50.597177    7767 schedule_one.go:100] "Attempting to schedule pod" pod="default/p01-plain"
      I1208 00:15:50.597823    7767 schedule_one.go:815] "Plugin scored node for pod" pod="default/p01-plain" plugin="TaintToleration" node="n01-a" score=300
      I1208 00:15:50.597871    7767 schedule_one.go:815] "Plugin scored node for pod" pod="default/p01-plain" plugin="NodeResourcesFit" node="n01-a" score=75
      I1208 00:15:50.597879    7767 schedule_one.go:815] "Plugin scored node for pod" pod="default/p01-plain" plugin="NodeResourcesBalancedAllocation" node="n01-a" score=100
      I1208 00:15:50.597918    7767 schedule_one.go:815] "Plugin scored node for pod" pod="default/p01-plain" plugin="TaintToleration" node="n19-d" score=300
      I1208 00:15:50.597923    7767 schedule_one.go:815] "Plugin scored node for pod" pod="default/p01-plain" plugin="NodeResourcesFit" node="n19-d" score=97
      I1208 00:15:50.597928    7767 schedule_one.go:815] "Plugin scored node for pod" pod="default/p01-plain" plugin="NodeResourcesBalancedAllocation" node="n19-d" score=100
      I1208 00:15:50.598094    7767 schedule_one.go:815] "Plugin scored node for pod" pod="default/p01-plain" plugin="TaintToleration" node="n20-b" score=0
      I1208 00:15:50.598107    7767 schedule_one.go:815] "Plugin scored node for pod" pod="default/p01-plain" plugin="NodeResourcesFit" node="n20-b" score=97
      I1208 00:15:50.598114    7767 schedule_one.go:815] "Plugin scored node for pod" pod="default/p01-plain" plugin="NodeResourcesBalancedAllocation" node="n20-b" score=100
      I1208 00:15:50.598125    7767 schedule_one.go:882] "Calculated node's final score for pod" pod="default/p01-plain" node="n01-a" score=475
      I1208 00:15:50.598144    7767 schedule_one.go:882] "Calculated node's final score for pod" pod="default/p01-plain" node="n19-d" score=497
      I1208 00:15:50.598196    7767 schedule_one.go:882] "Calculated node's final score for pod" pod="default/p01-plain" node="n20-b" score=197
      I1208 00:15:50.603620    7767 schedule_one.go:346] "Successfully bound pod to node" pod="default/p01-plain" node="n19-d" evaluatedNodes=20 feasibleNodes=13
      """;

  @Test
  void v134sOwnLinesSumToTheTotalsItLogs() {
    UpstreamScores scores = UpstreamScores.parse(V134_LOG);

    assertThat(scores.totals("p01-plain")).contains(Map.of("n01-a", 475L, "n19-d", 497L, "n20-b", 197L));
    assertThat(scores.of("p01-plain").orElseThrow()).containsOnlyKeys("TaintToleration", "NodeResourcesFit",
        "NodeResourcesBalancedAllocation");
    // without TaintToleration n20-b would tie n19-d at 197, without NodeResourcesFit n01-a at 400
    assertThat(scores.decidedBy("p01-plain")).containsExactly("NodeResourcesFit", "TaintToleration");
  }

  @Test
  void weightedPluginScoresAreSummedPerNode() {
    // TaintToleration's weight 3 and NodeAffinity's 2 are already in the logged scores
    String log = line("p1", "TaintToleration", "n1", 300) + line("p1", "NodeAffinity", "n1", 0)
        + line("p1", "NodeResourcesFit", "n1", 71) + line("p1", "TaintToleration", "n2", 0)
        + line("p1", "NodeAffinity", "n2", 200) + line("p1", "NodeResourcesFit", "n2", 93)
        + total("p1", "n1", 371) + total("p1", "n2", 293);

    UpstreamScores scores = UpstreamScores.parse(log);

    assertThat(scores.totals("p1")).contains(Map.of("n1", 371L, "n2", 293L));
    assertThat(scores.of("p1").orElseThrow().get("TaintToleration")).isEqualTo(Map.of("n1", 300L, "n2", 0L));
    assertThat(scores.totals("never-scored")).isEmpty();
  }

  @Test
  void aPodScoredAgainKeepsItsLastScoring() {
    String log = line("p1", "NodeResourcesFit", "n1", 90) + line("p1", "NodeResourcesFit", "n2", 10)
        + total("p1", "n1", 90) + total("p1", "n2", 10)
        + line("p1", "NodeResourcesFit", "n2", 80) + total("p1", "n2", 80);

    assertThat(UpstreamScores.parse(log).totals("p1")).contains(Map.of("n2", 80L));
  }

  @Test
  void aPluginDecidedThePodWhenTheBestNodeWouldNotBeTheSameOneWithoutIt() {
    String log = line("p1", "NodeResourcesFit", "n1", 90) + line("p1", "NodeResourcesBalancedAllocation", "n1", 90)
        + line("p1", "NodeResourcesFit", "n2", 95) + line("p1", "NodeResourcesBalancedAllocation", "n2", 80)
        + line("p1", "NodeResourcesFit", "n3", 90) + line("p1", "NodeResourcesBalancedAllocation", "n3", 70);

    UpstreamScores scores = UpstreamScores.parse(log);

    // n1 180 beats n2 175 and n3 160; without BalancedAllocation n2 wins, without Fit n1 still does
    assertThat(scores.decidedBy("p1")).containsExactly("NodeResourcesBalancedAllocation");
    assertThat(UpstreamScores.parse(line("p2", "NodeResourcesFit", "n1", 5) + line("p2", "NodeResourcesFit", "n2", 5))
        .decidedBy("p2")).as("a tie is decided by none").isEmpty();
  }

  @Test
  void otherLinesAreIgnored() {
    String log = "I1208 00:41:07.100000   12345 schedule_one.go:104] \"Attempting to schedule pod\" pod=\"default/p1\"\n"
        + "I1201 19:10:00.000001   4242 generic_scheduler.go:504] Plugin NodeResourcesLeastAllocated scores on default/p1 => [{n1 90}]\n"
        + HEADER + "\"Extender scored node for pod\" pod=\"default/p1\" extender=\"x\" node=\"n1\" score=5\n";

    assertThat(UpstreamScores.parse(log).of("p1")).isEmpty();
  }
}
