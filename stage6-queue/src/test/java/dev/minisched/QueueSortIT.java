package dev.minisched;

import static dev.minisched.scenarios.catalog.PriorityJumpsTheQueue.lowPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.PodOutcome;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.catalog.PriorityJumpsTheQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Stage 6 on a real API server: the Priority admission plugin turns priorityClassName into
 * spec.priority, and the queue tries the urgent pod, created last, before the ten low-priority
 * pods created before it.
 */
class QueueSortIT {
  /** The scheduling thread's line for a pod it could not place: "default/NAME could not be scheduled: …". */
  private static final Pattern FAILED = Pattern.compile("Scheduler - [^/ ]+/(\\S+) could not be scheduled: ");

  @Test
  void theUrgentPodIsTriedBeforeTheLowPriorityPodsCreatedBeforeIt() {
    RunResult result;
    CapturedLog captured = new CapturedLog();
    try {
      result = ScenarioRunner.run(Main.STAGE, new PriorityJumpsTheQueue(), Settings.fromEnvironment());
    } finally {
      captured.close();
      System.out.print(captured.text()); // as the run would have printed it
    }
    String log = captured.text();

    List<String> lows = IntStream.rangeClosed(1, PriorityJumpsTheQueue.LOW_PODS)
        .mapToObj(PriorityJumpsTheQueue::lowPod).toList();
    List<String> all = new ArrayList<>(lows);
    all.add("urgent");
    assertThat(all).allMatch(pod -> result.pod(pod).isBound());
    assertThat(result.pod("urgent").created()).isAfter(result.pod(lowPod(PriorityJumpsTheQueue.LOW_PODS)).created());

    assertThat(all).allMatch(pod -> !result.events(pod, "FailedScheduling").isEmpty());
    // The one scheduling thread fails the pods in the order it pops them, and logs each as it
    // does. (Their Events do not keep that order: several writers send them to the API server.)
    List<String> tried = log.lines().map(FAILED::matcher).filter(Matcher::find).map(m -> m.group(1))
        .distinct().toList();
    assertThat(tried).as("pods in the order of their first failure").hasSize(all.size());
    assertThat(tried.get(0)).as("the first pod tried, of %s", tried).isEqualTo("urgent");
    // The low pods entered the queue in the order the informer's initial list delivered them,
    // which the API server does not promise to be their creation order; first in, first out
    // among equal priorities is SchedulingQueueTest's to check.
    assertThat(tried.subList(1, tried.size())).containsExactlyInAnyOrderElementsOf(lows);
  }
}
