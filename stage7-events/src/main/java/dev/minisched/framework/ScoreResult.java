package dev.minisched.framework;

/**
 * What {@link ScorePlugin#score} returns: upstream returns the pair {@code (int64, *Status)}.
 * The score counts only when the status is success.
 */
public record ScoreResult(long score, Status status) {
  public static ScoreResult of(long score) {
    return new ScoreResult(score, Status.SUCCESS);
  }

  public static ScoreResult error(String message) {
    return new ScoreResult(0, Status.error(message));
  }
}
