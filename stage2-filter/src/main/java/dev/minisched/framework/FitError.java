package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * No node passed the filters. The message is upstream's ({@code FitError.Error()}): how many
 * nodes were considered, then each reason with the number of nodes it applied to, sorted, e.g.
 * {@code 0/10 nodes are available: 2 node(s) had untolerated taint(s), 3 Insufficient cpu,
 * 5 node(s) didn't match Pod's node affinity/selector.}
 * That message becomes the FailedScheduling event a user reads in {@code kubectl describe pod}.
 */
public final class FitError extends Exception {
  private final transient V1Pod pod;
  private final int numAllNodes;
  private final transient Diagnosis diagnosis;

  public FitError(V1Pod pod, int numAllNodes, Diagnosis diagnosis) {
    super(message(numAllNodes, diagnosis));
    this.pod = pod;
    this.numAllNodes = numAllNodes;
    this.diagnosis = diagnosis;
  }

  public V1Pod pod() {
    return pod;
  }

  public int numAllNodes() {
    return numAllNodes;
  }

  public Diagnosis diagnosis() {
    return diagnosis;
  }

  static String message(int numAllNodes, Diagnosis diagnosis) {
    Map<String, Integer> histogram = new TreeMap<>();
    for (Status status : diagnosis.nodeToStatus().values()) {
      for (String reason : status.reasons()) {
        histogram.merge(reason, 1, Integer::sum);
      }
    }
    // Upstream sorts the formatted strings ("9 node(s) were ..."), so counts sort as text.
    String reasons = histogram.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .sorted()
        .collect(Collectors.joining(", "));
    return "0/" + numAllNodes + " nodes are available" + (reasons.isEmpty() ? "." : ": " + reasons + ".");
  }
}
