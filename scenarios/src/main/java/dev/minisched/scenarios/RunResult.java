package dev.minisched.scenarios;

import io.kubernetes.client.openapi.models.CoreV1Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The outcome of one scenario run: every pod it created, the moments it marked, the events the
 * scheduler recorded for its pods, and the scenario's nodes that ended over-committed.
 *
 * @param overcommitted one line per node and resource whose bound pods request more than it has
 *     allocatable, at the end of the run (see {@link Cluster#overcommittedNodes})
 */
public record RunResult(
    String stage, String scenario, List<PodOutcome> pods, Map<String, Instant> marks,
    List<CoreV1Event> events, List<String> overcommitted) {

  /** A result with no over-commit check, for tests of the report. */
  public RunResult(String stage, String scenario, List<PodOutcome> pods, Map<String, Instant> marks,
      List<CoreV1Event> events) {
    this(stage, scenario, pods, marks, events, List.of());
  }

  /**
   * Fails unless every node ended with no more requested than allocatable. A scheduler from stage
   * 2 on, which filters on resources, must pass this after every scenario; stage 1's random
   * scheduler need not.
   */
  public void assertNoNodeOvercommitted() {
    if (!overcommitted.isEmpty()) {
      throw new AssertionError("scenario " + scenario + " on " + stage + " over-committed nodes:\n  "
          + String.join("\n  ", overcommitted));
    }
  }

  public PodOutcome pod(String name) {
    return pods.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("the scenario created no pod named " + name));
  }

  public Instant mark(String label) {
    Instant at = marks.get(label);
    if (at == null) {
      throw new NoSuchElementException("the scenario marked no moment named '" + label + "'");
    }
    return at;
  }

  /** Events of the given reason (Scheduled, FailedScheduling) about the given pod. */
  public List<CoreV1Event> events(String pod, String reason) {
    return events.stream()
        .filter(e -> pod.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .toList();
  }
}
