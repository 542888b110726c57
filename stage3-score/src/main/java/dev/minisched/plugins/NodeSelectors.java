package dev.minisched.plugins;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/**
 * Whether a node matches node selector terms, by the rules of the Kubernetes API. Upstream:
 * k8s.io/component-helpers/scheduling/corev1/nodeaffinity, on top of the label selector
 * requirements of apimachinery's labels package. NodeAffinity's filter uses the required terms;
 * its scoring (stage 3) the preferred ones.
 *
 * <ul>
 *   <li>Terms are ORed; a term with neither expressions nor fields matches nothing.
 *   <li>Within a term, every label expression and every field expression must hold (AND).
 *   <li>Label operators: In, NotIn (also true when the label is missing), Exists, DoesNotExist,
 *       Gt and Lt (one integer value, compared with the label's value read as an integer).
 *   <li>Field expressions know one field, {@code metadata.name}, with In and NotIn of one value.
 *   <li>A malformed expression (an unknown operator, the wrong number of values) makes its term
 *       match nothing; upstream reports it only when no other term matches, and ignores it in
 *       the filter.
 * </ul>
 */
public final class NodeSelectors {
  private NodeSelectors() {}

  /** True when at least one of the terms matches the node. */
  public static boolean matchesAnyTerm(List<V1NodeSelectorTerm> terms, V1Node node) {
    if (terms == null) {
      return false;
    }
    for (V1NodeSelectorTerm term : terms) {
      if (matches(term, node)) {
        return true;
      }
    }
    return false;
  }

  /** True when every expression of the term holds for the node; an empty term matches nothing. */
  public static boolean matches(V1NodeSelectorTerm term, V1Node node) {
    List<V1NodeSelectorRequirement> expressions = orEmpty(term.getMatchExpressions());
    List<V1NodeSelectorRequirement> fields = orEmpty(term.getMatchFields());
    if (expressions.isEmpty() && fields.isEmpty()) {
      return false;
    }
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    for (V1NodeSelectorRequirement expression : expressions) {
      if (!labelRequirementHolds(expression, labels)) {
        return false;
      }
    }
    String name = node.getMetadata().getName();
    if (name == null || name.isEmpty()) {
      return true; // upstream skips the field expressions for a node without a name (an empty field set)
    }
    for (V1NodeSelectorRequirement field : fields) {
      if (!fieldRequirementHolds(field, name)) {
        return false;
      }
    }
    return true;
  }

  /** Upstream's labels.Requirement.Matches, for a requirement that parses; a malformed one never holds. */
  static boolean labelRequirementHolds(V1NodeSelectorRequirement r, Map<String, String> labels) {
    List<String> values = orEmpty(r.getValues());
    String value = labels.get(r.getKey());
    boolean present = labels.containsKey(r.getKey());
    return switch (String.valueOf(r.getOperator())) {
      case "In" -> !values.isEmpty() && present && values.contains(value);
      case "NotIn" -> !values.isEmpty() && (!present || !values.contains(value));
      case "Exists" -> values.isEmpty() && present;
      case "DoesNotExist" -> values.isEmpty() && !present;
      case "Gt", "Lt" -> {
        Long bound = values.size() == 1 ? parseLong(values.get(0)) : null;
        Long actual = present ? parseLong(value) : null;
        yield bound != null && actual != null && ("Gt".equals(r.getOperator()) ? actual > bound : actual < bound);
      }
      default -> false;
    };
  }

  /** Field selectors compare {@code metadata.name}; any other field reads as empty. */
  static boolean fieldRequirementHolds(V1NodeSelectorRequirement r, String nodeName) {
    List<String> values = orEmpty(r.getValues());
    if (values.size() != 1) {
      return false;
    }
    String field = "metadata.name".equals(r.getKey()) ? nodeName : "";
    return switch (String.valueOf(r.getOperator())) {
      case "In" -> field.equals(values.get(0));
      case "NotIn" -> !field.equals(values.get(0));
      default -> false;
    };
  }

  private static Long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
