package dev.minisched.plugins;

import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.List;
import java.util.Objects;

/** Whether a pod tolerates a taint, by the rules of the Kubernetes API (core/v1 helpers). */
final class Tolerations {
  private Tolerations() {}

  static boolean tolerates(V1Pod pod, V1Taint taint) {
    List<V1Toleration> tolerations = pod.getSpec() == null ? null : pod.getSpec().getTolerations();
    if (tolerations == null) {
      return false;
    }
    for (V1Toleration toleration : tolerations) {
      if (tolerates(toleration, taint)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Upstream's {@code Toleration.ToleratesTaint}: an empty effect matches every effect, an empty
   * key (only allowed with Exists) every key; Equal, the default operator, compares values.
   */
  static boolean tolerates(V1Toleration toleration, V1Taint taint) {
    if (!isEmpty(toleration.getEffect()) && !toleration.getEffect().equals(taint.getEffect())) {
      return false;
    }
    if (!isEmpty(toleration.getKey()) && !toleration.getKey().equals(taint.getKey())) {
      return false;
    }
    String operator = isEmpty(toleration.getOperator()) ? "Equal" : toleration.getOperator();
    return switch (operator) {
      case "Exists" -> true;
      case "Equal" -> Objects.equals(nullToEmpty(toleration.getValue()), nullToEmpty(taint.getValue()));
      default -> false;
    };
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
