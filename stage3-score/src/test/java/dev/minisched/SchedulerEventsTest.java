package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.extended.event.legacy.EventCorrelator;
import io.kubernetes.client.extended.event.legacy.EventSink;
import io.kubernetes.client.extended.event.legacy.LegacyEventBroadcaster;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Events keep pace with bindings: client-java's broadcaster writes one Event at a time, so the
 * Events are spread over {@link SchedulerEvents#WRITERS} of them (in the benchmark, with one, 67
 * of 1000 Scheduled events had been written when the last pod was bound). Against client-java's
 * real broadcaster and correlator, over a sink that takes its time as an API server under load does.
 */
class SchedulerEventsTest {

  /** Creates take 50 ms each; remembers what was created and patched, and the most at once. */
  static final class SlowSink implements EventSink {
    final List<CoreV1Event> created = new CopyOnWriteArrayList<>();
    final List<CoreV1Event> patched = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();

    @Override
    public CoreV1Event create(CoreV1Event event) {
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
      }
      created.add(event);
      return event;
    }

    @Override
    public CoreV1Event update(CoreV1Event event) {
      return event;
    }

    @Override
    public CoreV1Event patch(CoreV1Event event, V1Patch patch) {
      patched.add(event);
      return event;
    }
  }

  private static V1Pod pod(String name) {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name(name).uid("uid-" + name));
  }

  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    for (int i = 0; i < 200 && list.size() < size; i++) {
      Thread.sleep(25);
    }
  }

  @Test
  void eventsOfDifferentPodsAreWrittenAtOnce() throws InterruptedException {
    SlowSink sink = new SlowSink();
    SchedulerEvents events = new SchedulerEvents(() -> new LegacyEventBroadcaster(new EventCorrelator(), sink), "minisched");
    events.start();
    try {
      IntStream.range(0, 32).forEach(i -> events.scheduled(pod("pod" + i), "node1"));
      awaitSize(sink.created, 32);
      assertThat(sink.created).hasSize(32);
      assertThat(sink.mostInFlight.get()).isGreaterThan(1);
    } finally {
      events.close();
    }
  }

  @Test
  void aPodsRepeatedEventsMeetInOneAggregator() throws InterruptedException {
    SlowSink sink = new SlowSink();
    SchedulerEvents events = new SchedulerEvents(() -> new LegacyEventBroadcaster(new EventCorrelator(), sink), "minisched");
    events.start();
    try {
      for (int i = 0; i < 3; i++) {
        events.failedScheduling(pod("stuck"), "0/3 nodes are available: 3 node(s) were unschedulable.");
      }
      awaitSize(sink.patched, 2);
      // Written once, then counted up: as client-go's recorder does for repeats of one Event.
      assertThat(sink.created).hasSize(1);
      assertThat(sink.patched).hasSize(2);
      assertThat(sink.patched.get(1).getCount()).isEqualTo(3);
    } finally {
      events.close();
    }
  }

  /** Upstream's truncateMessage (schedule_one.go): at most NoteLengthLimit (1024) bytes, " ..." last. */
  @Test
  void aFailedSchedulingMessageIsCutToAnEventsLimit() throws InterruptedException {
    SlowSink sink = new SlowSink();
    SchedulerEvents events = new SchedulerEvents(() -> new LegacyEventBroadcaster(new EventCorrelator(), sink), "minisched");
    events.start();
    try {
      String longMessage = "0/300 nodes are available: " + "300 node(s) didn't match Pod's node affinity/selector. ".repeat(20);
      events.failedScheduling(pod("stuck"), longMessage);
      awaitSize(sink.created, 1);
      String written = sink.created.get(0).getMessage();
      assertThat(written.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
      assertThat(written).isEqualTo(longMessage.substring(0, 1020) + " ...");
    } finally {
      events.close();
    }
  }

  @Test
  void aShortMessageIsLeftAsItIsAndACutNeverSplitsACharacter() {
    String exactly = "x".repeat(1024);
    assertThat(SchedulerEvents.truncateMessage(exactly)).isSameAs(exactly);
    // 1019 ASCII bytes, then "é" (2 bytes) across the cut at 1020: the cut moves back before it.
    String accented = "x".repeat(1019) + "é".repeat(10);
    assertThat(SchedulerEvents.truncateMessage(accented)).isEqualTo("x".repeat(1019) + " ...");
  }
}
