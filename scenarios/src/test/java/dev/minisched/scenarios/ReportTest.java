package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void showsNodeAttemptsTimeToBindAndWhyPending() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    RunResult result = new RunResult("stage2-filter", "nothing-fits",
        List.of(
            new PodOutcome("pod1", "node9", 2, t0, t0.plusMillis(1250), null),
            new PodOutcome("pod2", null, 3, t0, null,
                "0/3 nodes are available: 3 node(s) were unschedulable.")),
        Map.of("pods created", t0.plusMillis(20)), List.of());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Report.print(result, t0, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);

    assertThat(text).contains("scenario nothing-fits on stage2-filter");
    assertThat(text).containsPattern("pod1\\s+node9\\s+2\\s+1\\.250 s");
    assertThat(text).containsPattern("pod2\\s+-\\s+3\\s+-\\s+0/3 nodes are available: 3 node\\(s\\) were unschedulable\\.");
    assertThat(text).contains("pods per node: node9=1");
    assertThat(text).containsPattern("\\+\\s*0\\.020 s\\s+pods created");
  }

  @Test
  void longNamesKeepTheColumnsAlignedAndTheWholeReasonIsShown() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    String reason = "0/4 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node "
        + "affinity/selector, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable.";
    RunResult result = new RunResult("stage2-filter", "filter-reasons",
        List.of(
            new PodOutcome("web1", "node3", 1, t0, t0.plusMillis(50), null),
            new PodOutcome("a-pod-with-a-long-name", "a-node-with-a-long-name", 1, t0, t0.plusMillis(60), null),
            new PodOutcome("web3", null, 1, t0, null, reason)),
        Map.of(), List.of());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Report.print(result, t0, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

    String header = lines.stream().filter(l -> l.startsWith("POD")).findFirst().orElseThrow();
    String web3 = lines.stream().filter(l -> l.startsWith("web3 ")).findFirst().orElseThrow();
    assertThat(web3).endsWith("  " + reason);
    assertThat(web3.indexOf(reason)).isEqualTo(header.indexOf("WHY PENDING"));
    assertThat(lines.stream().filter(l -> l.startsWith("a-pod-with-a-long-name ")).findFirst().orElseThrow()
        .indexOf("a-node-with-a-long-name")).isEqualTo(header.indexOf("NODE"));
    assertThat(lines).contains("pods per node: a-node-with-a-long-name=1 node3=1");
  }
}
