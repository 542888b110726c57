package dev.minisched.framework;

import java.time.Duration;

/**
 * A duration written as Go writes one ({@code time.Duration.String()}): {@code 10s}, {@code 1m0s},
 * {@code 1.5s}, {@code 500ms}, {@code 1h0m0s}. Upstream's messages print durations with
 * {@code %v}, so a message that carries one (the permit timeout) reads here as it does there.
 *
 * <p>The rule, as Go's: below one second, the largest unit of ns, µs, ms that keeps the number at
 * least 1, with a fraction if it has one; from one second on, hours and minutes when there are
 * any, then seconds with a fraction if they have one. A fraction never ends in zeros.
 */
public final class GoDuration {
  private GoDuration() {}

  public static String format(Duration duration) {
    long nanos = duration.toNanos(); // the range Go's int64 nanoseconds hold too
    String sign = nanos < 0 ? "-" : "";
    // Long.MIN_VALUE has no positive counterpart; Go's (uint64) conversion takes the same bits.
    long u = Math.abs(nanos);
    if (u == 0) {
      return "0s";
    }
    if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
      if (u < 1_000) {
        return sign + u + "ns";
      }
      if (u < 1_000_000) {
        return sign + withFraction(u, 3) + "µs";
      }
      return sign + withFraction(u, 6) + "ms";
    }
    String seconds = withFraction(Long.remainderUnsigned(u, 60_000_000_000L), 9) + "s";
    long minutes = Long.divideUnsigned(u, 60_000_000_000L);
    if (minutes == 0) {
      return sign + seconds;
    }
    if (minutes < 60) {
      return sign + minutes + "m" + seconds;
    }
    return sign + minutes / 60 + "h" + minutes % 60 + "m" + seconds;
  }

  /** {@code value} over 10^digits, written with the fraction's trailing zeros (and point) left out. */
  private static String withFraction(long value, int digits) {
    long unit = (long) Math.pow(10, digits);
    String whole = Long.toUnsignedString(Long.divideUnsigned(value, unit));
    long fraction = Long.remainderUnsigned(value, unit);
    if (fraction == 0) {
      return whole;
    }
    String text = String.format("%0" + digits + "d", fraction).replaceAll("0+$", "");
    return whole + "." + text;
  }
}
