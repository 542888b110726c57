package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.Framework;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.NodeScore;
import dev.minisched.plugins.Registry;
import dev.minisched.scenarios.NodeTemplate;
import dev.minisched.scenarios.catalog.WeightChange;
import dev.minisched.scenarios.config.ConfigFile;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The weight-change scenario without an API server: its pod between node-a (preferred by node
 * affinity, tainted PreferNoSchedule) and node-b, with the default weights and with the README's
 * file that raises NodeAffinity's to 5. No tie, so the answer is the same every time.
 */
class WeightChangeTest {
  private static final V1Pod POD = WeightChange.pod().toPod("default", "minisched");
  private static final List<NodeInfo> NODES =
      WeightChange.nodes().stream().map(NodeTemplate::toNode).map(NodeInfo::new).toList();

  @Test
  void taintTolerationAtWeight3OutweighsNodeAffinityAt2() throws Exception {
    try (Scheduler scheduler = new Scheduler(new ApiClient().setReadTimeout(0), "minisched", Scheduler.framework())) {
      Map<String, Long> totals = totals(scheduler);
      assertThat(totals.get("node-b") - totals.get("node-a")).isEqualTo(300 - 200);
      for (int i = 0; i < 20; i++) {
        assertThat(scheduler.schedulePod(new CycleState(), POD, NODES)).isEqualTo("node-b");
      }
    }
  }

  @Test
  void nodeAffinityAtWeight5Wins() throws Exception {
    Registry registry = Registry.inTree();
    Framework framework = registry.framework(ConfigFile.parse("weight-change", WeightChange.PROFILE,
        Main.STAGE.module(), Scheduler.configurable(registry)).profile());
    try (Scheduler scheduler = new Scheduler(new ApiClient().setReadTimeout(0), "minisched", framework)) {
      Map<String, Long> totals = totals(scheduler);
      assertThat(totals.get("node-a") - totals.get("node-b")).isEqualTo(500 - 300);
      for (int i = 0; i < 20; i++) {
        assertThat(scheduler.schedulePod(new CycleState(), POD, NODES)).isEqualTo("node-a");
      }
    }
  }

  private static Map<String, Long> totals(Scheduler scheduler) throws Exception {
    return scheduler.prioritizeNodes(new CycleState(), POD, NODES).totals().stream()
        .collect(Collectors.toMap(NodeScore::name, NodeScore::score));
  }
}
