package dev.minisched.scenarios.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The extension points of a profile's {@code plugins}, as upstream's v1 configuration names them
 * (pkg/scheduler/apis/config/types.go, {@code Plugins}), and the minisched stage that introduces
 * each. The points upstream has and minisched leaves out carry no stage: their plugins' work is
 * done elsewhere here (PreFilter's by the filters themselves, Bind's by the scheduler itself).
 */
public enum ExtensionPoint {
  PRE_ENQUEUE("preEnqueue", null),
  QUEUE_SORT("queueSort", "stage6-queue"),
  PRE_FILTER("preFilter", null),
  FILTER("filter", "stage2-filter"),
  POST_FILTER("postFilter", null),
  PRE_SCORE("preScore", "stage4-prescore"),
  SCORE("score", "stage3-score"),
  RESERVE("reserve", "stage5-permit"),
  PERMIT("permit", "stage5-permit"),
  PRE_BIND("preBind", null),
  BIND("bind", null),
  POST_BIND("postBind", null),
  /** Not a point of its own: a plugin enabled here is enabled at every point it implements. */
  MULTI_POINT("multiPoint", "stage2-filter");

  private final String fieldName;
  private final String introducedIn;

  ExtensionPoint(String fieldName, String introducedIn) {
    this.fieldName = fieldName;
    this.introducedIn = introducedIn;
  }

  /** The field in {@code plugins}: "filter", "queueSort". */
  public String fieldName() {
    return fieldName;
  }

  /** The stage module that introduces it; empty for an upstream point minisched does not have. */
  public Optional<String> introducedIn() {
    return Optional.ofNullable(introducedIn);
  }

  /** True for a point a stage runs plugins at (not multiPoint, not one minisched leaves out). */
  public boolean isRun() {
    return introducedIn != null && this != MULTI_POINT;
  }

  /** The points plugins run at, in the order a scheduling cycle reaches them. */
  public static List<ExtensionPoint> run() {
    return Arrays.stream(values()).filter(ExtensionPoint::isRun).toList();
  }

  static Optional<ExtensionPoint> byFieldName(String name) {
    return Arrays.stream(values()).filter(p -> p.fieldName.equals(name)).findFirst();
  }
}
