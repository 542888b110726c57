package dev.minisched.scenarios.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which minisched stage introduces which plugin, so that a file naming a plugin the running stage
 * does not have yet says where it comes, and which of upstream's plugins minisched has not at all.
 * One copy for all stages; a stage's own registry says what it has.
 */
public final class Stages {
  private static final Map<String, String> PLUGINS = Map.of(
      "NodeUnschedulable", "stage2-filter",
      "TaintToleration", "stage2-filter",
      "NodeAffinity", "stage2-filter",
      "NodeResourcesFit", "stage2-filter",
      "NodeResourcesBalancedAllocation", "stage3-score",
      "NodeNumber", "stage3-score",
      "Coscheduling", "stage5-permit",
      "PrioritySort", "stage6-queue");

  /**
   * Upstream's in-tree plugins that no minisched stage has: v1.34's, and v1.20's that were
   * renamed or removed since (a v1beta1 file for kube-scheduler v1.20 names them).
   */
  private static final Set<String> UPSTREAM_ONLY = Set.of(
      "SchedulingGates", "DefaultPreemption", "DefaultBinder", "ImageLocality", "InterPodAffinity",
      "NodeName", "NodePorts", "NodeVolumeLimits", "PodTopologySpread", "VolumeBinding",
      "VolumeRestrictions", "VolumeZone", "DynamicResources", "NodeDeclaredFeatures",
      "NodeResourcesLeastAllocated", "NodeResourcesMostAllocated", "RequestedToCapacityRatio",
      "NodePreferAvoidPods", "NodeLabel", "ServiceAffinity", "SelectorSpread", "DefaultPodTopologySpread",
      "EBSLimits", "GCEPDLimits", "AzureDiskLimits", "CinderLimits");

  private Stages() {}

  /** The stage module that introduces the plugin, if a minisched stage has it. */
  public static Optional<String> introducing(String plugin) {
    return Optional.ofNullable(PLUGINS.get(plugin));
  }

  /** True for one of upstream's plugins that minisched does not have. */
  public static boolean upstreamOnly(String plugin) {
    return UPSTREAM_ONLY.contains(plugin);
  }
}
