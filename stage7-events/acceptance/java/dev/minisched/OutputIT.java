package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a learner reads: this stage's {@code Main} runs in a JVM of its own, as
 * {@code mvn -pl stage7-events compile exec:java} runs it, with stdout and stderr going to one
 * place as in a terminal, and with a misspelled property and environment variable. The output
 * must warn about both, naming the setting meant; keep the scheduler's log, the scenario's marks
 * and the report on lines of their own; print the report after the scheduler's last line; and end
 * with one line saying what was stopped and removed.
 */
class OutputIT {
  /** The start of an slf4j-simple line (simplelogger.properties): time, thread, level. */
  private static final Pattern LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[[^\\]]+] \\[(TRACE|DEBUG|INFO|WARN|ERROR)]");
  private static final Pattern MARK_LINE = Pattern.compile("\\[scenario \\+ *\\d+[.,]\\d{3} s] \\S.*");
  private static final Pattern SUMMARY = Pattern.compile(
      "\\[minisched] stopped: scheduler minisched, kube-apiserver, etcd; removed: (.+)");

  private Process child;

  @AfterEach
  void killTheChildIfTheTestFailed() {
    if (child != null && child.isAlive()) {
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly();
    }
  }

  @Test
  void binariesRunReadsCleanly() throws Exception {
    List<String> lines = runMain("binaries");
    assertReadable(lines);

    Matcher summary = SUMMARY.matcher(lines.get(lines.size() - 1));
    assertThat(summary.matches()).as("the last line says what was stopped and removed: " + lines.get(lines.size() - 1)).isTrue();
    Path dir = Path.of(summary.group(1));
    assertThat(dir.getFileName().toString()).startsWith("minisched-binaries-");
    assertThat(dir).doesNotExist();
  }

  @Test
  void containersRunReadsCleanly() throws Exception {
    List<String> lines = runMain("containers");
    assertReadable(lines);

    Matcher summary = SUMMARY.matcher(lines.get(lines.size() - 1));
    assertThat(summary.matches()).as("the last line says what was stopped and removed: " + lines.get(lines.size() - 1)).isTrue();
    assertThat(summary.group(1)).startsWith("2 containers, their network, ");
    assertThat(Path.of(summary.group(1).substring("2 containers, their network, ".length()))).doesNotExist();
  }

  private static void assertReadable(List<String> lines) {
    assertThat(lines).as("the warnings").contains(
        "[minisched] warning: -Dminisched.scenaro is not a minisched setting and is ignored; "
            + "did you mean -Dminisched.scenario? (--help lists the settings)",
        "[minisched] warning: MINISCHED_KEEP_RUNNING is not a minisched setting and is ignored; "
            + "did you mean MINISCHED_KEEPRUNNING? (--help lists the settings)");
    // The misspelled property was ignored: the stage's own scenario ran.
    assertThat(lines).anyMatch(line -> line.startsWith("[minisched] stage7-events: scenario node-appears"));

    // Each line is one writer's: a mark, a log line or a harness line, never a piece of two.
    for (String line : lines) {
      assertThat(line.indexOf("[scenario +")).as("a mark inside: " + line).isIn(-1, 0);
      assertThat(line.indexOf("[minisched]")).as("a harness line inside: " + line).isIn(-1, 0);
      Matcher log = LOG_LINE.matcher(line);
      if (log.find()) {
        assertThat(log.start()).as("a log line inside: " + line).isZero();
      }
      if (line.startsWith("[scenario +")) {
        assertThat(line).matches(MARK_LINE);
      }
    }
    assertThat(lines).filteredOn(line -> line.startsWith("[scenario +")).hasSizeGreaterThanOrEqualTo(4);
    assertThat(lines).filteredOn(line -> LOG_LINE.matcher(line).lookingAt())
        .anyMatch(line -> line.contains("bound to node10"));

    // The report comes after the scheduler's last line; after it only the stop summary.
    int report = IntStream.range(0, lines.size())
        .filter(i -> lines.get(i).startsWith("== minisched report: scenario node-appears on stage7-events")).findFirst()
        .orElseThrow(() -> new AssertionError("no report in " + lines));
    List<String> after = lines.subList(report, lines.size());
    assertThat(after).as("log lines after the report's start").noneMatch(line -> LOG_LINE.matcher(line).lookingAt());
    assertThat(after).anyMatch(line -> line.matches("pod1\\s+node10\\s+.*"));
    assertThat(after.stream().filter(line -> line.startsWith("[minisched]")).toList())
        .as("harness lines after the report").hasSize(1);
  }

  /** Runs this stage's Main with a misspelled property and variable; returns its output's non-blank lines. */
  private List<String> runMain(String backend) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dminisched.backend=" + backend,
        "-Dminisched.scenaro=random-spread",
        Main.class.getName())
        .redirectErrorStream(true);
    builder.environment().put("MINISCHED_KEEP_RUNNING", "true");
    child = builder.start();
    child.getOutputStream().close();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(child.waitFor(3, TimeUnit.MINUTES)).as("the run ended").isTrue();
    String text = output.join();
    System.out.println(text.lines().map(line -> "  [child] " + line).reduce("", (a, b) -> a + b + "\n"));
    assertThat(child.exitValue()).as("exit code; output:\n" + text).isZero();
    return text.lines().filter(line -> !line.isBlank()).toList();
  }
}
