package dev.minisched.framework;

/**
 * Something that changed in the cluster and might make a rejected pod schedulable: a resource
 * and what happened to it. Plugins register the events that could help the pods they reject
 * ({@link EnqueueExtensions}); the informer handlers report the events that happen; the
 * scheduling queue matches the two. Upstream: {@code framework.ClusterEvent} in types.go, and
 * the well-known events in events.go.
 *
 * @param label a name for logs, e.g. "NodeAdd"; plays no part in matching
 */
public record ClusterEvent(EventResource resource, ActionType actionType, String label) {
  /** Matches every event: registered for plugins that say nothing; sent when anything may have changed. */
  public static final ClusterEvent WILDCARD =
      new ClusterEvent(EventResource.WILDCARD, ActionType.ALL, "WildCard");

  public static final ClusterEvent NODE_ADD =
      new ClusterEvent(EventResource.NODE, ActionType.ADD, "NodeAdd");
  public static final ClusterEvent NODE_DELETE =
      new ClusterEvent(EventResource.NODE, ActionType.DELETE, "NodeDelete");
  public static final ClusterEvent NODE_LABEL_CHANGE =
      new ClusterEvent(EventResource.NODE, ActionType.UPDATE_NODE_LABEL, "NodeLabelChange");
  public static final ClusterEvent NODE_TAINT_CHANGE =
      new ClusterEvent(EventResource.NODE, ActionType.UPDATE_NODE_TAINT, "NodeTaintChange");
  public static final ClusterEvent NODE_ALLOCATABLE_CHANGE =
      new ClusterEvent(EventResource.NODE, ActionType.UPDATE_NODE_ALLOCATABLE, "NodeAllocatableChange");
  /**
   * A node cordoned or uncordoned. Upstream counts it as a taint update: the node lifecycle
   * controller mirrors {@code spec.unschedulable} as the node.kubernetes.io/unschedulable taint.
   */
  public static final ClusterEvent NODE_SPEC_UNSCHEDULABLE_CHANGE =
      new ClusterEvent(EventResource.NODE, ActionType.UPDATE_NODE_TAINT, "NodeSpecUnschedulableChange");
  public static final ClusterEvent ASSIGNED_POD_ADD =
      new ClusterEvent(EventResource.ASSIGNED_POD, ActionType.ADD, "AssignedPodAdd");
  public static final ClusterEvent ASSIGNED_POD_DELETE =
      new ClusterEvent(EventResource.ASSIGNED_POD, ActionType.DELETE, "AssignedPodDelete");
  /** Not a change anyone saw: a pod waited too long (the queue's leftover flush). */
  public static final ClusterEvent UNSCHEDULABLE_TIMEOUT =
      new ClusterEvent(EventResource.WILDCARD, ActionType.ALL, "UnschedulableTimeout");

  /** An event for a plugin to register; the label is not needed. */
  public ClusterEvent(EventResource resource, ActionType actionType) {
    this(resource, actionType, "");
  }

  public boolean isWildcard() {
    return resource == EventResource.WILDCARD && actionType.equals(ActionType.ALL);
  }

  /**
   * Whether {@code happened} is an event this registered event asks for: either is the wildcard,
   * or both are about the same resource and share an action.
   */
  public boolean matches(ClusterEvent happened) {
    return isWildcard() || happened.isWildcard()
        || (resource == happened.resource && actionType.overlaps(happened.actionType));
  }
}
