package dev.minisched;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.minisched.scenarios.BindingRequests;
import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.Scenario;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A pod deleted while it waits among the unschedulable pods is gone from the queue: when a node
 * then becomes schedulable (an event that would have moved it), nothing is tried, nothing bound,
 * and no further FailedScheduling event is written. (Deletion from activeQ and backoffQ is the
 * same {@code SchedulingQueue.delete}; SchedulingQueueTest covers each sub-queue, since a pod
 * cannot be held in those long enough to delete it reliably on a live cluster.)
 */
class DeletedWhileUnschedulableIT {
  private final BindingRequests bindings = new BindingRequests();
  private final Stage recorded = new Stage(Main.STAGE.module(), "deleted-while-unschedulable",
      (client, schedulerName) -> Main.STAGE.scheduler().start(bindings.record(client, "scheduler"), schedulerName));

  @Test
  void aDeletedUnschedulablePodIsNotRetriedWhenANodeOpens() {
    RunResult result = ScenarioRunner.run(recorded, new Scenario() {
      @Override
      public String name() {
        return "deleted-while-unschedulable";
      }

      @Override
      public String description() {
        return "pod1 fits nowhere and is deleted; then node0 is uncordoned";
      }

      @Override
      public void run(Cluster cluster) {
        cluster.createNode(node("node0").unschedulable());
        cluster.createPod(pod("pod1"));
        cluster.awaitFailedScheduling("pod1", Duration.ofSeconds(20));
        cluster.deletePod("pod1");
        cluster.setUnschedulable("node0", false);
        cluster.mark("node0 uncordoned");
        // Had pod1 still been queued, the uncordon would have moved and bound it within a second.
        await("no binding request").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
            .until(() -> bindings.all().isEmpty());
      }
    }, Settings.fromEnvironment());

    assertThat(result.events("pod1", "FailedScheduling")).singleElement()
        .satisfies(e -> assertThat(e.getCount() == null ? 1 : e.getCount()).isEqualTo(1));
    assertThat(result.events("pod1", "Scheduled")).isEmpty();
  }
}
