package dev.minisched.scenarios.results;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The annotations kube-scheduler-simulator's debuggable scheduler leaves on a pod, with its keys
 * and JSON shapes (simulator/scheduler/plugin/annotation and resultstore), so that whoever reads
 * the simulator's reads these the same way. Every value is a string; the maps hold strings too:
 * <ul>
 *   <li>{@link #FILTER}: node → plugin → {@code "passed"} or the plugin's message; a node has an
 *       entry for each plugin that ran on it, up to the one that rejected it;
 *   <li>{@link #SCORE}: node → plugin → the raw score, e.g. {@code "87"};
 *   <li>{@link #FINAL_SCORE}: node → plugin → the normalized score times the plugin's weight;
 *   <li>{@link #PRESCORE}, {@link #RESERVE}, {@link #PERMIT}: plugin → {@code "success"},
 *       {@code "wait"} (Permit only) or the message; {@link #PERMIT_TIMEOUT}: plugin → a Go
 *       duration such as {@code "10s"};
 *   <li>{@link #SELECTED_NODE}: the node name itself, not JSON; empty when none was chosen;
 *   <li>{@link #RESULT_HISTORY}: a JSON list with one map per attempt, oldest first, each map
 *       holding that attempt's annotations as above.
 * </ul>
 * {@link #QUEUE} is minisched's own (the simulator has none): why the queue will try again.
 */
public final class SimulatorAnnotations {
  public static final String FILTER = "scheduler-simulator/filter-result";
  public static final String PRESCORE = "scheduler-simulator/prescore-result";
  public static final String SCORE = "scheduler-simulator/score-result";
  public static final String FINAL_SCORE = "scheduler-simulator/finalscore-result";
  public static final String RESERVE = "scheduler-simulator/reserve-result";
  public static final String PERMIT = "scheduler-simulator/permit-result";
  public static final String PERMIT_TIMEOUT = "scheduler-simulator/permit-result-timeout";
  public static final String SELECTED_NODE = "scheduler-simulator/selected-node";
  public static final String RESULT_HISTORY = "kube-scheduler-simulator.sigs.k8s.io/result-history";
  public static final String QUEUE = "minisched.dev/queue-result";

  /** The simulator's words for a plugin that let the pod through. */
  public static final String PASSED = "passed";
  public static final String SUCCESS = "success";
  public static final String WAIT = "wait";

  /** Every key this writes; a pod update that changes only these is the scheduler's own echo. */
  public static final Set<String> KEYS = Set.of(
      FILTER, PRESCORE, SCORE, FINAL_SCORE, RESERVE, PERMIT, PERMIT_TIMEOUT, SELECTED_NODE, RESULT_HISTORY, QUEUE);

  // The simulator writes with Go's encoding/json; HTML escaping would turn "didn't" into
  // "didn\u0027t" here and make the two disagree for no reason.
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  private static final Gson PATCH_GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
  private static final Type NODE_MAP = new TypeToken<LinkedHashMap<String, LinkedHashMap<String, String>>>() {}.getType();
  private static final Type PLUGIN_MAP = new TypeToken<LinkedHashMap<String, String>>() {}.getType();
  private static final Type HISTORY = new TypeToken<List<LinkedHashMap<String, String>>>() {}.getType();

  private SimulatorAnnotations() {}

  public static String json(Object value) {
    return GSON.toJson(value);
  }

  /** A JSON merge patch of the pod's annotations: a null value removes that annotation. */
  public static String annotationsPatch(Map<String, String> annotations) {
    return PATCH_GSON.toJson(Map.of("metadata", Map.of("annotations", annotations)));
  }

  /** A node → plugin → result map; empty when absent or not such a map. */
  public static Map<String, Map<String, String>> nodeMap(String json) {
    return parse(json, NODE_MAP);
  }

  /** A plugin → result map; empty when absent or not such a map. */
  public static Map<String, String> pluginMap(String json) {
    return parse(json, PLUGIN_MAP);
  }

  /** The attempts of a result-history annotation, oldest first; empty when absent or malformed. */
  public static List<Map<String, String>> history(String json) {
    List<Map<String, String>> parsed = parse(json, HISTORY);
    return parsed == null ? List.of() : parsed;
  }

  /** The annotations without the ones this writes: what a pod update means to the scheduler. */
  public static Map<String, String> withoutResults(Map<String, String> annotations) {
    if (annotations == null) {
      return Map.of();
    }
    Map<String, String> rest = new LinkedHashMap<>(annotations);
    rest.keySet().removeAll(KEYS);
    return rest;
  }

  @SuppressWarnings("unchecked")
  private static <T> T parse(String json, Type type) {
    if (json == null || json.isBlank()) {
      return type == HISTORY ? null : (T) new LinkedHashMap<>();
    }
    try {
      T parsed = GSON.fromJson(json, type);
      return parsed != null ? parsed : type == HISTORY ? null : (T) new LinkedHashMap<>();
    } catch (JsonParseException e) {
      return type == HISTORY ? null : (T) new LinkedHashMap<>();
    }
  }
}
