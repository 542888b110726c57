package dev.minisched.scenarios.differential;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scores upstream v1.20 gave each node for each pod, read from its own log: with
 * {@code --vmodule=generic_scheduler=10}, prioritizeNodes logs one line per score plugin,
 * {@code Plugin NodeAffinity scores on default/pod3 => [{node0 0} {node1 200}]}, already
 * normalized and weighted. Their sum per node is what selectHost picks the highest of (ties at
 * random). A pod with no such lines was not scored: it had exactly one feasible node, or the
 * profile has no score plugins.
 */
public final class UpstreamScores {
  /** The flags that make v1.20 log its scores, and nothing else at that verbosity. */
  public static final String VMODULE = "--vmodule=generic_scheduler=10";

  private static final Pattern LINE = Pattern.compile("Plugin (\\S+) scores on ([^/\\s]+)/(\\S+) => \\[(.*)\\]");
  private static final Pattern ENTRY = Pattern.compile("\\{(\\S+) (-?\\d+)\\}");

  /** pod → plugin → node → weighted score, from the pod's last scoring. */
  private final Map<String, Map<String, Map<String, Long>>> scores;

  private UpstreamScores(Map<String, Map<String, Map<String, Long>>> scores) {
    this.scores = scores;
  }

  public static UpstreamScores parse(String log) {
    Map<String, Map<String, Map<String, Long>>> scores = new HashMap<>();
    for (String line : log.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.find()) {
        continue;
      }
      Map<String, Long> byNode = new LinkedHashMap<>();
      Matcher e = ENTRY.matcher(m.group(4));
      while (e.find()) {
        byNode.put(e.group(1), Long.parseLong(e.group(2)));
      }
      scores.computeIfAbsent(m.group(3), p -> new LinkedHashMap<>()).put(m.group(1), byNode);
    }
    return new UpstreamScores(scores);
  }

  /** Plugin → node → weighted score for the pod, if it was scored. */
  public Optional<Map<String, Map<String, Long>>> of(String pod) {
    return Optional.ofNullable(scores.get(pod));
  }

  /** Node → total for the pod, if it was scored. */
  public Optional<Map<String, Long>> totals(String pod) {
    return of(pod).map(byPlugin -> {
      Map<String, Long> totals = new LinkedHashMap<>();
      byPlugin.values().forEach(byNode -> byNode.forEach((node, s) -> totals.merge(node, s, Long::sum)));
      return totals;
    });
  }
}
