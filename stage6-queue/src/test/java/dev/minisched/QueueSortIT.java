package dev.minisched;

import static dev.minisched.scenarios.catalog.PriorityJumpsTheQueue.lowPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.PodOutcome;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.catalog.PriorityJumpsTheQueue;
import io.kubernetes.client.openapi.models.CoreV1Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Stage 6 on a real API server: the Priority admission plugin turns priorityClassName into
 * spec.priority, and the queue tries the urgent pod, created last, before the ten low-priority
 * pods created before it.
 */
class QueueSortIT {

  @Test
  void theUrgentPodIsTriedBeforeTheLowPriorityPodsCreatedBeforeIt() {
    RunResult result = ScenarioRunner.run(Main.STAGE, new PriorityJumpsTheQueue(), Settings.fromEnvironment());

    List<String> lows = IntStream.rangeClosed(1, PriorityJumpsTheQueue.LOW_PODS)
        .mapToObj(PriorityJumpsTheQueue::lowPod).toList();
    List<String> all = new ArrayList<>(lows);
    all.add("urgent");
    assertThat(all).allMatch(pod -> result.pod(pod).isBound());
    assertThat(result.pod("urgent").created()).isAfter(result.pod(lowPod(PriorityJumpsTheQueue.LOW_PODS)).created());

    // One scheduling thread fails the pods in the order it pops them, and one thread writes
    // their Events in that order: the API server's resourceVersions keep it.
    List<String> tried = all.stream()
        .map(pod -> result.events(pod, "FailedScheduling").stream().min(byResourceVersion()).orElseThrow())
        .sorted(byResourceVersion())
        .map(event -> event.getInvolvedObject().getName())
        .toList();
    assertThat(tried).as("pods in the order of their first FailedScheduling").hasSize(all.size());
    assertThat(tried.get(0)).as("the first pod tried, of %s", tried).isEqualTo("urgent");
    // The low pods entered the queue in the order the informer's initial list delivered them,
    // which the API server does not promise to be their creation order; first in, first out
    // among equal priorities is SchedulingQueueTest's to check.
    assertThat(tried.subList(1, tried.size())).containsExactlyInAnyOrderElementsOf(lows);
  }

  private static Comparator<CoreV1Event> byResourceVersion() {
    return Comparator.comparingLong(event -> Long.parseLong(event.getMetadata().getResourceVersion()));
  }
}
