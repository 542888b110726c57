package dev.minisched.scenarios;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.Yaml;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Nodes and pods written as YAML, the way kubectl reads them: one or more documents separated
 * by {@code ---}, each with {@code apiVersion: v1} and {@code kind: Node} or {@code kind: Pod}.
 *
 * <p>The whole text is read before anything is made of it, so a mistake anywhere stops the
 * scenario before it has created anything. A mistake is one line that names where it is
 * ({@code manifest line 7, column 5: V1PodSpec has no field 'nodeSelectr'}).
 *
 * <p>Reading goes through client-java's {@link Yaml} (SnakeYAML underneath) in two steps, so
 * that positions refer to the text as written: SnakeYAML first composes each document into a
 * tree of nodes that carry their line and column, then client-java's constructor turns the
 * tree into a {@link V1Node} or {@link V1Pod}. ({@code Yaml.load} would instead write the
 * document out again before typing it, and report positions in that copy.)
 */
final class Manifest {
  /** The kinds a manifest may hold, as {@code apiVersion/kind}. */
  private static final Map<String, Class<? extends KubernetesObject>> KINDS =
      Map.of("v1/Node", V1Node.class, "v1/Pod", V1Pod.class);

  private static final String MODELS = "io.kubernetes.client.openapi.models.";

  /**
   * One object of the manifest and where its document starts, e.g. "manifest line 7".
   *
   * @param line 1-based
   */
  record Entry(KubernetesObject object, String source, int line) {
    String where() {
      return source + " line " + line;
    }
  }

  private Manifest() {}

  /**
   * Reads every document of {@code text}. {@code source} names the text in messages: "manifest"
   * for a string, "manifest FILE" for a file. Throws {@link ScenarioError} at the first mistake.
   */
  static List<Entry> parse(String text, String source) {
    List<Node> documents = compose(text, source);
    List<Entry> entries = new ArrayList<>();
    for (Node document : documents) {
      entries.add(new Entry(construct(document, source), source, line(document.getStartMark())));
    }
    if (entries.isEmpty()) {
      throw new ScenarioError(source + " holds no Node or Pod");
    }
    return entries;
  }

  /** Parses all documents into position-carrying trees; a syntax error stops here. */
  private static List<Node> compose(String text, String source) {
    org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options()));
    List<Node> documents = new ArrayList<>();
    try {
      for (Node document : yaml.composeAll(new StringReader(text))) {
        if (document != null && !Tag.NULL.equals(document.getTag())) { // skip empty documents
          documents.add(document);
        }
      }
    } catch (MarkedYAMLException e) {
      throw new ScenarioError(at(source, e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark())
          + firstLine(e.getProblem())
          + (e.getContext() != null ? " (" + firstLine(e.getContext()) + where(e.getContextMark()) + ")" : ""), e);
    } catch (YAMLException e) {
      throw new ScenarioError(source + ": " + firstLine(e.getMessage()), e);
    }
    return documents;
  }

  private static KubernetesObject construct(Node document, String source) {
    if (!(document instanceof MappingNode mapping)) {
      throw new ScenarioError(at(source, document.getStartMark())
          + "expected an object with apiVersion and kind, found " + document.getNodeId());
    }
    String apiVersion = scalar(mapping, "apiVersion");
    String kind = scalar(mapping, "kind");
    if (apiVersion == null || kind == null) {
      throw new ScenarioError(at(source, document.getStartMark()) + "the object has no "
          + (kind == null ? "kind" : "apiVersion") + "; write apiVersion: v1 and kind: Node or Pod");
    }
    Class<? extends KubernetesObject> type = KINDS.get(apiVersion + "/" + kind);
    if (type == null) {
      throw new ScenarioError(at(source, document.getStartMark()) + apiVersion + " " + kind
          + " is not something a scenario can create; a manifest holds v1 Nodes and Pods");
    }
    KubernetesObject object;
    try {
      object = type.cast(new TypedConstructor(type).construct(document));
    } catch (YAMLException e) {
      throw new ScenarioError(describe(e, source), e);
    }
    if (object.getMetadata() == null || object.getMetadata().getName() == null) {
      // The harness follows objects by name, so generateName will not do.
      throw new ScenarioError(at(source, document.getStartMark()) + "the " + kind + " has no metadata.name");
    }
    return object;
  }

  /**
   * The one line for a document that does not fit its type: where (the innermost position
   * SnakeYAML marked) and what (the innermost cause: a bad quantity's own message, or
   * SnakeYAML's problem, trimmed of package names).
   */
  private static String describe(YAMLException e, String source) {
    MarkedYAMLException marked = null;
    Throwable innermost = e;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        marked = m;
      }
      innermost = cause;
    }
    String problem = innermost instanceof NumberFormatException
        ? "expected a number, " + innermost.getMessage().replace("For input string: ", "found ")
        : innermost instanceof YAMLException || innermost.getMessage() == null
        ? (marked != null ? marked.getProblem() : e.getMessage())
        : innermost.getMessage();
    problem = firstLine(problem)
        .replaceAll("Unable to find property '([^']*)' on class: " + MODELS.replace(".", "\\.") + "(\\w+)", "$2 has no field '$1'")
        .replaceAll("No single argument constructor found for class " + MODELS.replace(".", "\\.") + "(\\w+)",
            "this value cannot be read as a $1 (a list where one is expected, or the other way round?)")
        .replace(MODELS, "");
    return (marked != null ? at(source, marked.getProblemMark()) : source + ": ") + problem;
  }

  /** The value of a top-level key when it is a plain scalar, else null. */
  private static String scalar(MappingNode mapping, String key) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
          && tuple.getValueNode() instanceof ScalarNode v) {
        return v.getValue();
      }
    }
    return null;
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false); // a key given twice is a mistake, not "the last one wins"
    options.setEnumCaseSensitive(false); // as client-java's own Yaml
    return options;
  }

  private static String at(String source, Mark mark) {
    return mark == null ? source + ": " : source + " line " + line(mark) + ", column " + (mark.getColumn() + 1) + ": ";
  }

  private static String where(Mark mark) {
    return mark == null ? "" : " at line " + line(mark);
  }

  private static int line(Mark mark) {
    return mark.getLine() + 1;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }

  /**
   * client-java's constructor (Quantity, IntOrString and dates as client-java reads them),
   * applied to a tree that was composed elsewhere, so its positions are kept.
   */
  private static final class TypedConstructor extends Yaml.CustomConstructor {
    private final Class<?> type;

    TypedConstructor(Class<?> type) {
      super(type, options());
      setAllowDuplicateKeys(false); // the options say so, but only SnakeYAML's Yaml passes that on
      this.type = type;
    }

    Object construct(Node document) {
      document.setTag(new Tag(type)); // as SnakeYAML's loadAs does with the root node
      return constructDocument(document);
    }
  }
}
