package dev.minisched.plugins;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.NodeScore;
import dev.minisched.framework.ScoreExtensions;
import dev.minisched.framework.ScorePlugin;
import dev.minisched.framework.ScoreResult;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A toy score plugin from the Go original: a node whose name ends in the same digit as the
 * pod's name scores {@link #MATCH}, every other node 0. So pod3 prefers node3. A name that does
 * not end in a digit simply never matches; that is not an error.
 *
 * <p>Its raw scores (0 or 10) are not on the framework's 0..100 scale, so it normalizes them,
 * as many upstream plugins do with the default normalization.
 */
public final class NodeNumber implements ScorePlugin, ScoreExtensions {
  public static final String NAME = "NodeNumber";
  static final long MATCH = 10;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ScoreResult score(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    OptionalInt podDigit = lastDigit(pod.getMetadata().getName());
    OptionalInt nodeDigit = lastDigit(nodeInfo.name());
    boolean match = podDigit.isPresent() && podDigit.equals(nodeDigit);
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

  /** The digit a name ends in: "pod3" → 3, "node10" → 0, "web" → none. */
  static OptionalInt lastDigit(String name) {
    if (name == null || name.isEmpty() || !Character.isDigit(name.charAt(name.length() - 1))) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Character.digit(name.charAt(name.length() - 1), 10));
  }
}
