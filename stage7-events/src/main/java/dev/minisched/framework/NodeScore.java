package dev.minisched.framework;

/** A score for one node: from one plugin, or the weighted total of all. Upstream: {@code NodeScore}. */
public record NodeScore(String name, long score) {
  public NodeScore withScore(long newScore) {
    return new NodeScore(name, newScore);
  }
}
