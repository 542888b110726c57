package dev.minisched.framework;

import java.time.Duration;

/**
 * What {@link PermitPlugin#permit} returns: upstream returns the pair {@code (*Status, timeout)}.
 * The timeout counts only with {@link Code#WAIT}.
 */
public record PermitResult(Status status, Duration timeout) {
  public static PermitResult allow() {
    return new PermitResult(Status.SUCCESS, Duration.ZERO);
  }

  public static PermitResult reject(String reason) {
    return new PermitResult(Status.unschedulable(reason), Duration.ZERO);
  }

  public static PermitResult waitFor(Duration timeout) {
    return new PermitResult(new Status(Code.WAIT, java.util.List.of(), null), timeout);
  }
}
