package dev.minisched.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations as Go's {@code time.Duration.String()} writes them (upstream prints them with %v). */
class GoDurationTest {

  @Test
  void wholeSecondsMinutesAndHours() {
    assertThat(GoDuration.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(GoDuration.format(Duration.ofMinutes(1))).isEqualTo("1m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDuration.format(Duration.ofMinutes(15))).isEqualTo("15m0s");
    assertThat(GoDuration.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(3723))).isEqualTo("1h2m3s");
  }

  @Test
  void fractionsLeaveOutTrailingZeros() {
    assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDuration.format(Duration.ofMillis(61_250))).isEqualTo("1m1.25s");
    assertThat(GoDuration.format(Duration.ofNanos(1_000_000_001))).isEqualTo("1.000000001s");
  }

  @Test
  void belowASecondTheLargestUnitThatKeepsTheNumberAboveOne() {
    assertThat(GoDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(GoDuration.format(Duration.ofMillis(100))).isEqualTo("100ms");
    assertThat(GoDuration.format(Duration.ofMillis(999))).isEqualTo("999ms");
    assertThat(GoDuration.format(Duration.ofNanos(1_500_000))).isEqualTo("1.5ms");
    assertThat(GoDuration.format(Duration.ofNanos(1_500))).isEqualTo("1.5µs");
    assertThat(GoDuration.format(Duration.ofNanos(999))).isEqualTo("999ns");
  }

  @Test
  void zeroAndNegative() {
    assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(GoDuration.format(Duration.ofMillis(-1500))).isEqualTo("-1.5s");
    assertThat(GoDuration.format(Duration.ofMillis(-500))).isEqualTo("-500ms");
  }
}
