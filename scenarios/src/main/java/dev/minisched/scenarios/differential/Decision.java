package dev.minisched.scenarios.differential;

import java.util.Optional;

/**
 * What one scheduler did with one pod, read from the API server before the next pod was created:
 * the node it was bound to, or the message of its FailedScheduling event (the latest one whose
 * {@code involvedObject.uid} is this pod's). {@code finalNode} is where it was at the end of the
 * run, after the last pod: a pod that failed must still be pending then.
 *
 * @param pod the pod's name
 * @param node the node it was bound to, if it was
 * @param message its FailedScheduling message, if it was not bound
 * @param finalNode where it was bound at the end of the run, if anywhere
 */
public record Decision(String pod, Optional<String> node, Optional<String> message, Optional<String> finalNode) {

  /** "node7", "pending: 0/3 nodes are available: …", or "undecided". */
  public String describe() {
    return node.map(n -> "→ " + n).or(() -> message.map(m -> "pending: " + m)).orElse("undecided (no binding, no event)");
  }
}
