package dev.minisched.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelizerTest {

  @Test
  void everyIndexRunsOnce() {
    try (Parallelizer parallelizer = new Parallelizer(16)) {
      AtomicIntegerArray runs = new AtomicIntegerArray(5000);
      parallelizer.until(5000, runs::incrementAndGet);
      for (int i = 0; i < runs.length(); i++) {
        assertThat(runs.get(i)).as("index %d", i).isEqualTo(1);
      }
    }
  }

  /** Whenever the workers stop, the indices that ran are a whole prefix: what makes an early stop exact. */
  @Test
  void aStopLeavesAWholePrefixDone() {
    try (Parallelizer parallelizer = new Parallelizer(16)) {
      for (int round = 0; round < 50; round++) {
        AtomicIntegerArray runs = new AtomicIntegerArray(5000);
        AtomicBoolean stop = new AtomicBoolean();
        int stopAt = 37 * round;
        parallelizer.until(5000, i -> {
          runs.incrementAndGet(i);
          if (i == stopAt) {
            stop.set(true);
          }
        }, stop::get);
        int done = 0;
        while (done < runs.length() && runs.get(done) == 1) {
          done++;
        }
        assertThat(done).isGreaterThan(stopAt);
        for (int i = done; i < runs.length(); i++) {
          assertThat(runs.get(i)).as("index %d after the prefix 0..%d", i, done - 1).isZero();
        }
      }
    }
  }

  @Test
  void aFailureReachesTheCaller() {
    try (Parallelizer parallelizer = new Parallelizer(16)) {
      assertThatThrownBy(() -> parallelizer.until(1000, i -> {
        if (i == 500) {
          throw new IllegalStateException("plugin bug");
        }
      })).isInstanceOf(IllegalStateException.class).hasMessage("plugin bug");
      AtomicInteger runs = new AtomicInteger();
      parallelizer.until(1000, i -> runs.incrementAndGet());
      assertThat(runs).hasValue(1000); // and the workers are still there for the next cycle
    }
  }

  @Test
  void upstreamsChunkSize() {
    assertThat(Parallelizer.chunkSize(5000, 16)).isEqualTo(70); // sqrt(5000)
    assertThat(Parallelizer.chunkSize(20, 16)).isEqualTo(2);    // 20/16 + 1
    assertThat(Parallelizer.chunkSize(0, 16)).isEqualTo(1);
  }
}
