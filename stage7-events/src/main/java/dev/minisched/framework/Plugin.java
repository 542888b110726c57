package dev.minisched.framework;

/**
 * A scheduling plugin: a named piece of policy that hooks into one or more extension points by
 * implementing their interfaces ({@link FilterPlugin}, and in later stages Score, PreScore,
 * Permit). Upstream: {@code framework.Plugin} in pkg/scheduler/framework/interface.go.
 */
public interface Plugin {
  /** The name used in statuses, events and configuration, e.g. "NodeUnschedulable". */
  String name();
}
