package dev.minisched.scenarios;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened to one pod of a scenario, as seen from outside the scheduler: through the API.
 *
 * @param node the node it was bound to, or null while pending
 * @param attempts scheduling attempts seen as events (FailedScheduling counts, plus the
 *     successful one); the API server's event spam filter may drop some after many failures
 * @param created when the harness asked the API server to create the pod (local clock)
 * @param bound when the harness first saw {@code spec.nodeName} set (local clock), or null
 * @param pendingReason the latest FailedScheduling message, or null
 */
public record PodOutcome(
    String name, String node, int attempts, Instant created, Instant bound, String pendingReason) {

  public boolean isBound() {
    return node != null;
  }

  /** Creation to binding, or null while pending. */
  public Duration timeToBind() {
    return bound == null || created == null ? null : Duration.between(created, bound);
  }
}
