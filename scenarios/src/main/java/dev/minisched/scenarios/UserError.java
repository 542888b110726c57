package dev.minisched.scenarios;

/**
 * An expected failure a user can fix: missing Docker, an unknown scenario name, a bad kubeconfig.
 * The runner prints only its message (which says what is wrong and how to fix it), never a stack
 * trace, and exits non-zero.
 */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
