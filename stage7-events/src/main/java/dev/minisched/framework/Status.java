package dev.minisched.framework;

import java.util.List;

/**
 * A plugin's verdict: a {@link Code}, the reasons (short phrases that the scheduler counts and
 * shows, such as "node(s) were unschedulable"), and the plugin that said it. Upstream's
 * {@code framework.Status}; where upstream uses a nil Status for success, this uses
 * {@link #SUCCESS}.
 *
 * @param plugin the plugin that returned it, set by the framework; null until then
 */
public record Status(Code code, List<String> reasons, String plugin) {
  public static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), null);

  public Status {
    reasons = List.copyOf(reasons);
  }

  public static Status unschedulable(String reason) {
    return new Status(Code.UNSCHEDULABLE, List.of(reason), null);
  }

  public static Status unschedulableAndUnresolvable(String reason) {
    return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reason), null);
  }

  public static Status error(String message) {
    return new Status(Code.ERROR, List.of(message), null);
  }

  public static Status skip() {
    return new Status(Code.SKIP, List.of(), null);
  }

  /** The same verdict, signed by the plugin that gave it. */
  public Status withPlugin(String pluginName) {
    return new Status(code, reasons, pluginName);
  }

  public boolean isSuccess() {
    return code == Code.SUCCESS;
  }

  /** The pod cannot go to this node: Unschedulable or UnschedulableAndUnresolvable. */
  public boolean isRejected() {
    return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
  }

  /** The reasons joined for people, as upstream's {@code Status.Message()}. */
  public String message() {
    return String.join(", ", reasons);
  }
}
