package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's log (slf4j-simple, configured by simplelogger.properties), the scenario's
 * marks and the report, written from several threads at once, as in a run: no line may hold
 * pieces of two writers, and the report's lines stay together.
 *
 * <p>Like a terminal, stdout and stderr here write to one place, unbuffered, so that whatever a
 * stream writes in pieces reaches it in pieces.
 */
class OutputLinesTest {
  private static final Pattern LOG_LINE =
      Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[logger-\\d] \\[INFO] OutputLinesTest - log line \\d+ of logger-\\d");
  private static final Pattern MARK_LINE = Pattern.compile("\\[scenario \\+ *\\d+[.,]\\d{3} s] mark \\d+ of a longer label");
  private static final int LOGGERS = 3;
  private static final int LINES = 400;

  private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeEach
  void bothStreamsToOneTerminal() {
    savedOut = System.out;
    savedErr = System.err;
    OutputStream shared = new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (terminal) {
          terminal.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (terminal) {
          terminal.write(b, off, len);
        }
      }
    };
    System.setOut(new PrintStream(shared, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(shared, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  @Test
  void marksAndLogLinesNeverShareALine() throws Exception {
    Cluster cluster = new Cluster(null, "default", "minisched", null, NodeFence.NONE); // log() needs no API server
    runTogether(() -> IntStream.range(0, LINES).forEach(i -> cluster.log("mark " + i + " of a longer label")));

    List<String> lines = lines();
    assertThat(lines).hasSize(LOGGERS * LINES + LINES);
    assertThat(lines).as("lines that are neither one whole log line nor one whole mark")
        .allMatch(line -> LOG_LINE.matcher(line).matches() || MARK_LINE.matcher(line).matches());
  }

  @Test
  void theReportIsOneBlock() throws Exception {
    Instant t0 = Instant.now();
    List<PodOutcome> pods = IntStream.range(0, 50)
        .mapToObj(i -> new PodOutcome("pod" + i, "node" + i, 1, t0, t0.plusMillis(i), null)).toList();
    RunResult result = new RunResult("stage-test", "many-pods", pods, Map.of("pods created", t0), List.of());
    runTogether(() -> {
      for (int i = 0; i < 20; i++) {
        Report.print(result, t0, System.out);
      }
    });

    List<String> lines = terminal().lines().toList();
    int reports = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("== minisched report")) {
        reports++;
        // The report runs from its header to the blank line that ends it.
        int end = lines.subList(i, lines.size()).indexOf("") + i;
        List<String> report = lines.subList(i, end);
        assertThat(report).as("a report with a log line inside").noneMatch(line -> LOG_LINE.matcher(line).find());
        assertThat(report).as("a report cut short").anyMatch(line -> line.startsWith("pod49 "))
            .anyMatch(line -> line.contains("pods created"));
      }
    }
    assertThat(reports).isEqualTo(20);
  }

  /** Runs {@code writer} while {@value #LOGGERS} threads log {@value #LINES} lines each. */
  private static void runTogether(Runnable writer) throws InterruptedException {
    Logger log = LoggerFactory.getLogger(OutputLinesTest.class);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < LOGGERS; t++) {
      String name = "logger-" + t;
      threads.add(new Thread(() -> {
        await(go);
        for (int i = 0; i < LINES; i++) {
          log.info("log line {} of {}", i, name);
        }
      }, name));
    }
    threads.add(new Thread(() -> {
      await(go);
      writer.run();
    }, "writer"));
    threads.forEach(Thread::start);
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private String terminal() {
    synchronized (terminal) {
      return terminal.toString(StandardCharsets.UTF_8);
    }
  }

  private List<String> lines() {
    return terminal().lines().filter(l -> !l.isEmpty()).toList();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
