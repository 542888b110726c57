package dev.minisched;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.FilterPlugin;
import dev.minisched.framework.Fixtures;
import dev.minisched.framework.Framework;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.Plugin;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plugin's error ends the cycle with a message worded as upstream's framework words it
 * (framework/runtime/framework.go), so the log and the FailedScheduling Event read as
 * kube-scheduler's do. Without an API server.
 */
class ErrorMessagesTest {

  private static Scheduler schedulerWith(Plugin plugin) {
    return new Scheduler(new ApiClient().setReadTimeout(0), "minisched", new Framework(List.of(plugin)));
  }

  private static List<NodeInfo> twoNodes() {
    return List.of(new NodeInfo(Fixtures.node("node1", "cpu", "4", "memory", "16Gi", "pods", "110")),
        new NodeInfo(Fixtures.node("node2", "cpu", "4", "memory", "16Gi", "pods", "110")));
  }

  private static V1Pod pod() {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name("pod1").uid("uid-pod1")).spec(new V1PodSpec());
  }

  /** Upstream's RunFilterPlugins: "running %q filter plugin: %w". */
  @Test
  void aFilterError() {
    Scheduler scheduler = schedulerWith(new FilterPlugin() {
      @Override
      public String name() {
        return "Broken";
      }

      @Override
      public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
        return Status.error("disk on fire");
      }
    });
    try {
      assertThatThrownBy(() -> scheduler.schedulePod(new CycleState(), pod(), twoNodes()))
          .isInstanceOf(SchedulingError.class).hasMessage("running \"Broken\" filter plugin: disk on fire");
    } finally {
      scheduler.close();
    }
  }
}
