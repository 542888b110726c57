package dev.minisched.scenarios;

import io.kubernetes.client.openapi.models.CoreV1Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The outcome of one scenario run: every pod it created, the moments it marked, and the events
 * the scheduler recorded for its pods.
 */
public record RunResult(
    String stage, String scenario, List<PodOutcome> pods, Map<String, Instant> marks,
    List<CoreV1Event> events) {

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
