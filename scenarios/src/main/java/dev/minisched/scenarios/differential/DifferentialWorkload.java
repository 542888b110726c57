package dev.minisched.scenarios.differential;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;

/**
 * What both schedulers get: the nodes, all created before the scheduler starts, and the pods, in
 * order, created one at a time, each only after the one before was bound or failed. So each
 * scheduler decides every pod on the same cluster state as the other, as long as they agree.
 * The pods' {@code spec.schedulerName} is set by the run.
 *
 * @param name for the report
 * @param nodes the nodes, status (capacity, allocatable) included
 * @param pods the pods, in the order they are created
 */
public record DifferentialWorkload(String name, List<V1Node> nodes, List<V1Pod> pods) {
  public DifferentialWorkload {
    nodes = List.copyOf(nodes);
    pods = List.copyOf(pods);
  }
}
