package dev.minisched.plugins;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
 *       the filter. Preferred terms are parsed before they are scored, and there a malformed one
 *       is an error ({@link #parseErrors}).
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

  /**
   * What upstream's parser finds wrong with a term, in its words: component-helpers'
   * newNodeSelectorTerm, which makes apimachinery's label requirements (labels.NewRequirement) of
   * the expressions and field selectors of the fields. {@code path} names the term, e.g.
   * {@code [0]}. The API server accepts some of these, e.g. Gt with a value that is no integer.
   * Not checked here: the syntax of label keys and values.
   *
   * @return one message per fault, as {@code field.Error} prints it; empty for a term that parses
   */
  static List<String> parseErrors(V1NodeSelectorTerm term, String path) {
    List<String> errors = new ArrayList<>();
    List<V1NodeSelectorRequirement> expressions = orEmpty(term.getMatchExpressions());
    for (int i = 0; i < expressions.size(); i++) {
      V1NodeSelectorRequirement r = expressions.get(i);
      String at = path + ".matchExpressions[" + i + "]";
      List<String> values = orEmpty(r.getValues());
      switch (String.valueOf(r.getOperator())) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            errors.add(invalid(at + ".values", json(values), "for 'in', 'notin' operators, values set can't be empty"));
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            errors.add(invalid(at + ".values", json(values), "values set must be empty for exists and does not exist"));
          }
        }
        case "Gt", "Lt" -> {
          if (values.size() != 1) {
            errors.add(invalid(at + ".values", json(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
          }
          for (int v = 0; v < values.size(); v++) {
            if (parseLong(values.get(v)) == null) {
              errors.add(invalid(at + ".values[" + v + "]", quote(values.get(v)),
                  "for 'Gt', 'Lt' operators, the value must be an integer"));
            }
          }
        }
        default -> errors.add(at + ".operator: Unsupported value: " + quote(String.valueOf(r.getOperator()))
            + ": supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\", \"Gt\", \"Lt\"");
      }
    }
    List<V1NodeSelectorRequirement> fields = orEmpty(term.getMatchFields());
    for (int i = 0; i < fields.size(); i++) {
      V1NodeSelectorRequirement r = fields.get(i);
      String at = path + ".matchFields[" + i + "]";
      List<String> values = orEmpty(r.getValues());
      if ("In".equals(r.getOperator()) || "NotIn".equals(r.getOperator())) {
        if (values.size() != 1) {
          errors.add(invalid(at + ".values", json(values), "must have one element"));
        }
      } else {
        errors.add(at + ".operator: Unsupported value: " + quote(String.valueOf(r.getOperator()))
            + ": supported values: \"In\", \"NotIn\"");
      }
    }
    return errors;
  }

  /**
   * Many errors as one, as apimachinery's errors.Aggregate prints them: one alone as it is, more
   * in brackets, joined by ", ", each message once.
   */
  static String aggregate(List<String> errors) {
    Set<String> distinct = new LinkedHashSet<>(errors);
    return distinct.size() == 1 ? distinct.iterator().next() : "[" + String.join(", ", distinct) + "]";
  }

  /** field.Invalid's message: the field, "Invalid value", the value as Go prints it, the detail. */
  private static String invalid(String field, String value, String detail) {
    return field + ": Invalid value: " + value + ": " + detail;
  }

  /** A string as Go's %q writes it (for the values that occur: quotes and backslashes escaped). */
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** A list of strings as Go's json.Marshal writes it, e.g. {@code ["1","2"]}. */
  private static String json(List<String> values) {
    return values.stream().map(NodeSelectors::quote).collect(Collectors.joining(",", "[", "]"));
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
