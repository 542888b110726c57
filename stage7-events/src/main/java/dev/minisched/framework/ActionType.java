package dev.minisched.framework;

/**
 * What happened to a resource, as a bit mask so that one registration can name several actions
 * ({@code ADD.or(UPDATE_NODE_TAINT)}). An update is split by what changed, because a plugin cares
 * only about some changes: NodeUnschedulable about taints, not labels. Upstream:
 * {@code framework.ActionType}, which also has UpdateNodeCondition, UpdatePodLabel,
 * UpdatePodScaleDown and others; minisched keeps the ones its plugins and events use.
 */
public record ActionType(int bits) {
  public static final ActionType ADD = new ActionType(1);
  public static final ActionType DELETE = new ActionType(1 << 1);
  public static final ActionType UPDATE_NODE_LABEL = new ActionType(1 << 2);
  public static final ActionType UPDATE_NODE_TAINT = new ActionType(1 << 3);
  /** The node's {@code status.allocatable} changed: it offers pods more, or less. */
  public static final ActionType UPDATE_NODE_ALLOCATABLE = new ActionType(1 << 4);
  /** Any kind of update. */
  public static final ActionType UPDATE = UPDATE_NODE_LABEL.or(UPDATE_NODE_TAINT).or(UPDATE_NODE_ALLOCATABLE);
  /** Every action. */
  public static final ActionType ALL = ADD.or(DELETE).or(UPDATE);

  /** Both actions: the union of the bits. */
  public ActionType or(ActionType other) {
    return new ActionType(bits | other.bits);
  }

  /** Whether the two have an action in common. */
  public boolean overlaps(ActionType other) {
    return (bits & other.bits) != 0;
  }
}
