package dev.minisched.scenarios;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What keeps a scenario's nodes to the scenario on a cluster shared with others (the kubeconfig
 * backend). Scenario nodes are Ready, untainted and have no kubelet: left as they are, the
 * cluster's own scheduler would put real pods on them, pods that never run. So each one gets
 * <ul>
 *   <li>the taint {@code minisched.dev/scenario-node:NoSchedule}, which the scenario's own pods
 *       tolerate (added by {@link #admit}) and nobody else's do. DaemonSet pods are no exception:
 *       the DaemonSet controller adds tolerations for {@code node.kubernetes.io/*} taints only
 *       (not-ready, unreachable, unschedulable, disk-, memory-, pid-pressure, network-unavailable).
 *       Only a pod that tolerates everything ({@code operator: Exists} without a key, as
 *       kube-proxy and many network plugins do) still lands there; nothing but a kubelet could
 *       keep those off, and they vanish with the node;</li>
 *   <li>the label {@code minisched.dev/run=<run id>}: the harness changes and deletes only nodes
 *       that carry its own run's label ({@link #owns}), and a later run can tell a dead run's
 *       leftovers from anyone else's nodes ({@link SharedRun}).</li>
 * </ul>
 *
 * <p>On the containers and binaries backends the cluster is the run's own and {@link #NONE}
 * leaves nodes and pods exactly as the scenario wrote them: a learner's {@code kubectl describe
 * node}, and a FailedScheduling message that lists taints, show only what the scenario asked for.
 *
 * <p>Immutable; any thread.
 */
final class NodeFence {
  static final String TAINT_KEY = "minisched.dev/scenario-node";
  static final String RUN_LABEL = "minisched.dev/run";
  private static final String EFFECT = "NoSchedule";

  /** A private cluster: no taint, no label, every node the run's to change. */
  static final NodeFence NONE = new NodeFence(null);

  private final String run; // null: no fence

  private NodeFence(String run) {
    this.run = run;
  }

  /** The fence of one run on a shared cluster. */
  static NodeFence forRun(String run) {
    return new NodeFence(Objects.requireNonNull(run));
  }

  boolean isUp() {
    return run != null;
  }

  /** The node with this run's label and taint added (if not there already). */
  V1Node fence(V1Node node) {
    if (run == null) {
      return node;
    }
    V1ObjectMeta metadata = node.getMetadata();
    Map<String, String> labels = metadata.getLabels() == null ? new HashMap<>() : new HashMap<>(metadata.getLabels());
    labels.put(RUN_LABEL, run);
    metadata.setLabels(labels);
    if (node.getSpec() == null) {
      node.setSpec(new V1NodeSpec());
    }
    List<V1Taint> taints = node.getSpec().getTaints() == null ? new ArrayList<>() : new ArrayList<>(node.getSpec().getTaints());
    if (taints.stream().noneMatch(t -> TAINT_KEY.equals(t.getKey()) && EFFECT.equals(t.getEffect()))) {
      taints.add(new V1Taint().key(TAINT_KEY).effect(EFFECT));
    }
    node.getSpec().setTaints(taints);
    return node;
  }

  /** The pod, tolerating the fence's taint so that it can land on the scenario's nodes. */
  V1Pod admit(V1Pod pod) {
    if (run == null) {
      return pod;
    }
    List<V1Toleration> tolerations = pod.getSpec().getTolerations() == null
        ? new ArrayList<>() : new ArrayList<>(pod.getSpec().getTolerations());
    tolerations.add(new V1Toleration().key(TAINT_KEY).operator("Exists").effect(EFFECT));
    pod.getSpec().setTolerations(tolerations);
    return pod;
  }

  /** True when this run created the node (on a private cluster, every node is the run's). */
  boolean owns(V1Node node) {
    if (run == null) {
      return true;
    }
    Map<String, String> labels = node.getMetadata() == null ? null : node.getMetadata().getLabels();
    return labels != null && run.equals(labels.get(RUN_LABEL));
  }

  /** Why the harness will not {@code what} ("delete node node1"): that node is someone else's. */
  ScenarioError notOurs(String what) {
    return new ScenarioError("will not " + what + ": that node was not created by this run" + whose());
  }

  /** Why a scenario node cannot be created: a node of that name exists, and it is not adopted. */
  ScenarioError taken(String node) {
    return new ScenarioError("will not create node " + node + ": a node of that name already exists "
        + "and was not created by this run" + whose() + "; rename the scenario's node");
  }

  private String whose() {
    return " (" + RUN_LABEL + "=" + run + "), and on a shared cluster the harness leaves every other node alone";
  }
}
