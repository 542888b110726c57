package dev.minisched.plugins;

import dev.minisched.framework.ClusterEvent;
import dev.minisched.framework.ClusterEventWithHint;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.EnqueueExtensions;
import dev.minisched.framework.Handle;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.NodeScore;
import dev.minisched.framework.PermitPlugin;
import dev.minisched.framework.PermitResult;
import dev.minisched.framework.PreScorePlugin;
import dev.minisched.framework.ScoreExtensions;
import dev.minisched.framework.ScorePlugin;
import dev.minisched.framework.ScoreResult;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A toy score plugin from the Go original: a node whose name ends in the same digit as the
 * pod's name scores {@link #MATCH}, every other node 0. So pod3 prefers node3.
 *
 * <p>The pod's digit is the same for every node, so PreScore works it out once per cycle and
 * writes it to the {@link CycleState}; Score reads it for each node. A pod whose name does not
 * end in a digit can match no node: PreScore returns Skip and Score does not run at all.
 *
 * <p>Its raw scores (0 or 10) are not on the framework's 0..100 scale, so it normalizes them,
 * as many upstream plugins do with the default normalization.
 *
 * <p>As a Permit plugin it holds a pod bound for nodeN for N seconds (at most {@link #TIMEOUT}),
 * as the Go original does: it answers Wait, and a timer allows the pod through the
 * {@link Handle} later. A node whose name ends in 0 or in no digit lets the pod through at once.
 *
 * <p>A pod it rejected (its permit timed out) may fit on a new node, so it registers Node add.
 */
public final class NodeNumber
    implements PreScorePlugin, ScorePlugin, ScoreExtensions, PermitPlugin, EnqueueExtensions {
  public static final String NAME = "NodeNumber";
  static final long MATCH = 10;
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** Where PreScore leaves the pod's digit for Score; upstream plugins key state by their name. */
  static final CycleState.Key<Integer> POD_DIGIT = new CycleState.Key<>(NAME + "/podDigit", Integer.class);

  private final Handle handle;

  public NodeNumber(Handle handle) {
    this.handle = handle;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preScore(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
    OptionalInt podDigit = lastDigit(pod.getMetadata().getName());
    if (podDigit.isEmpty()) {
      return Status.skip();
    }
    state.write(POD_DIGIT, podDigit.getAsInt());
    return Status.SUCCESS;
  }

  @Override
  public ScoreResult score(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    Optional<Integer> podDigit = state.read(POD_DIGIT);
    if (podDigit.isEmpty()) {
      return ScoreResult.error("no pod digit in the cycle state: " + NAME
          + "'s PreScore did not run in this cycle (is it enabled as a PreScore plugin?)");
    }
    OptionalInt nodeDigit = lastDigit(nodeInfo.name());
    boolean match = nodeDigit.isPresent() && nodeDigit.getAsInt() == podDigit.get();
    return ScoreResult.of(match ? MATCH : 0);
  }

  @Override
  public Optional<ScoreExtensions> scoreExtensions() {
    return Optional.of(this);
  }

  @Override
  public Status normalizeScore(CycleState state, V1Pod pod, List<NodeScore> scores) {
    ScoreExtensions.defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
    return Status.SUCCESS;
  }

  @Override
  public PermitResult permit(CycleState state, V1Pod pod, String nodeName) {
    OptionalInt seconds = lastDigit(nodeName);
    if (seconds.isEmpty() || seconds.getAsInt() == 0) {
      return PermitResult.allow();
    }
    // The allow fires a second or more from now; by then the framework, on this same thread,
    // has long registered the pod as waiting. (A plugin that could allow at once returns allow
    // instead of Wait, as above.) The delayed executor's threads are daemons: nothing to stop.
    String uid = pod.getMetadata().getUid();
    CompletableFuture.delayedExecutor(seconds.getAsInt(), TimeUnit.SECONDS)
        .execute(() -> handle.getWaitingPod(uid).ifPresent(waiting -> waiting.allow(NAME)));
    return PermitResult.waitFor(TIMEOUT);
  }

  /**
   * The legacy path on purpose: no hint, so every node added queues the pods this plugin
   * rejected. It is what every registration was before hints; the queue treats a missing hint as
   * QUEUE.
   */
  @Override
  public List<ClusterEventWithHint> eventsToRegister() {
    return List.of(ClusterEventWithHint.of(ClusterEvent.NODE_ADD));
  }

  /** The digit a name ends in: "pod3" → 3, "node10" → 0, "web" → none. */
  static OptionalInt lastDigit(String name) {
    if (name == null || name.isEmpty() || !Character.isDigit(name.charAt(name.length() - 1))) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Character.digit(name.charAt(name.length() - 1), 10));
  }
}
