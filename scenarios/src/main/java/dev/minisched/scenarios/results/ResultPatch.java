package dev.minisched.scenarios.results;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The annotations one attempt adds to a pod: the attempt's own, plus the result history with
 * the attempt appended, cut down so that all of the pod's annotations stay within the API
 * server's limit (256 KiB in total, keys and values; a patch over it is refused whole).
 *
 * <p>What gives way, in order: the oldest attempts of the history (a marker entry says how
 * many were left out), then the nodes of the attempt's own node maps. A node map keeps its
 * first nodes, which the recorder puts in order of interest (the chosen node, then the best
 * scores), and gains the entry {@link #TRUNCATED} saying how many nodes it left out, so its
 * shape stays node → plugin → string.
 *
 * <p>A key an earlier attempt wrote and this one has not (the queue's reason, once the pod is
 * bound) is removed: its value in the patch is null, which a JSON merge patch deletes.
 */
public final class ResultPatch {
  /** The API server's limit on all annotations of an object together (TotalAnnotationSizeLimitB). */
  public static final int ANNOTATIONS_LIMIT = 256 * 1024;
  /** The node-map entry that stands for the nodes left out. */
  public static final String TRUNCATED = "(truncated)";
  // Room for annotations others add between our read of the pod and our patch.
  private static final int SLACK = 4 * 1024;
  private static final Set<String> NODE_MAPS =
      Set.of(SimulatorAnnotations.FILTER, SimulatorAnnotations.SCORE, SimulatorAnnotations.FINAL_SCORE);

  private ResultPatch() {}

  /**
   * The annotations to patch onto a pod that has {@code current}, for one more attempt; a null
   * value removes the key.
   */
  public static Map<String, String> annotations(Map<String, String> current, Map<String, String> attempt) {
    return annotations(current, attempt, ANNOTATIONS_LIMIT);
  }

  static Map<String, String> annotations(Map<String, String> current, Map<String, String> attempt, int limit) {
    Map<String, String> others = SimulatorAnnotations.withoutResults(current);
    int budget = Math.max(0, limit - SLACK - size(others));
    // The attempt appears twice, on its own and (escaped, so somewhat larger) in the history:
    // a third of the room for it leaves the rest for the history.
    Map<String, String> own = fit(attempt, budget / 3);
    List<Map<String, String>> history = new ArrayList<>(
        SimulatorAnnotations.history(current == null ? null : current.get(SimulatorAnnotations.RESULT_HISTORY)));
    history.add(own);
    int dropped = 0;
    String historyJson = SimulatorAnnotations.json(history);
    while (size(own) + size(SimulatorAnnotations.RESULT_HISTORY, historyJson) > budget && history.size() > 1) {
      history.remove(0);
      dropped++;
      historyJson = SimulatorAnnotations.json(withMarker(history, dropped));
    }
    Map<String, String> patch = new LinkedHashMap<>(own);
    patch.put(SimulatorAnnotations.RESULT_HISTORY, historyJson);
    if (current != null) {
      current.keySet().stream().filter(SimulatorAnnotations.KEYS::contains).filter(k -> !patch.containsKey(k))
          .forEach(stale -> patch.put(stale, null));
    }
    return patch;
  }

  private static List<Map<String, String>> withMarker(List<Map<String, String>> history, int dropped) {
    List<Map<String, String>> marked = new ArrayList<>(history.size() + 1);
    marked.add(Map.of(TRUNCATED, dropped + " earlier attempt(s) left out: annotations are limited to 256 KiB"));
    marked.addAll(history);
    return marked;
  }

  /** The attempt with its node maps cut to the first nodes, so that it takes at most {@code room}. */
  static Map<String, String> fit(Map<String, String> attempt, int room) {
    if (size(attempt) <= room) {
      return attempt;
    }
    Map<String, Map<String, Map<String, String>>> maps = new LinkedHashMap<>();
    int most = 0;
    for (String key : NODE_MAPS) {
      if (attempt.containsKey(key)) {
        Map<String, Map<String, String>> nodes = SimulatorAnnotations.nodeMap(attempt.get(key));
        maps.put(key, nodes);
        most = Math.max(most, nodes.size());
      }
    }
    int low = 0;
    int high = most; // the largest count that fits is in [low, high]
    while (low < high) {
      int mid = (low + high + 1) / 2;
      if (size(cut(attempt, maps, mid)) <= room) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return cut(attempt, maps, low);
  }

  private static Map<String, String> cut(
      Map<String, String> attempt, Map<String, Map<String, Map<String, String>>> maps, int keep) {
    Map<String, String> result = new LinkedHashMap<>(attempt);
    maps.forEach((key, nodes) -> {
      if (nodes.size() <= keep) {
        return;
      }
      Map<String, Map<String, String>> kept = new LinkedHashMap<>();
      nodes.entrySet().stream().limit(keep).forEach(e -> kept.put(e.getKey(), e.getValue()));
      kept.put(TRUNCATED, Map.of("minisched", (nodes.size() - keep) + " of " + nodes.size()
          + " nodes left out: annotations are limited to 256 KiB"));
      result.put(key, SimulatorAnnotations.json(kept));
    });
    return result;
  }

  /** What annotations count against the limit: the bytes of every key and value. */
  static int size(Map<String, String> annotations) {
    int total = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      total += size(e.getKey(), e.getValue());
    }
    return total;
  }

  private static int size(String key, String value) {
    return key.getBytes(StandardCharsets.UTF_8).length
        + (value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length);
  }
}
