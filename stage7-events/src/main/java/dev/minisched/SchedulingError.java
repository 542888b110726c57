package dev.minisched;

/**
 * A scheduling cycle failed for a reason other than "no node fits" (that is a
 * {@link dev.minisched.framework.FitError}): there are no nodes at all, or a plugin reported an
 * internal error. The message goes into the pod's FailedScheduling event.
 */
final class SchedulingError extends Exception {
  SchedulingError(String message) {
    super(message);
  }
}
