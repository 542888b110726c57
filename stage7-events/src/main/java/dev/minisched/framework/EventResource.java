package dev.minisched.framework;

/**
 * The kind of object a {@link ClusterEvent} is about. Upstream: {@code framework.EventResource}
 * (a GVK in older releases), which also names PersistentVolumes, StorageClasses, CSINodes and
 * more; minisched's plugins look only at nodes and at the pods already on them.
 */
public enum EventResource {
  /** A node. */
  NODE,
  /** A pod bound to a node, by any scheduler: it takes room on that node. */
  ASSIGNED_POD,
  /** Any resource; only meaningful with {@link ActionType#ALL}, as {@link ClusterEvent#WILDCARD}. */
  WILDCARD
}
