package dev.minisched.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.framework.Framework;
import dev.minisched.framework.QueuedPodInfo;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrioritySortTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final PrioritySort sort = new PrioritySort();

  private static QueuedPodInfo queued(String name, Integer priority, Instant timestamp) {
    V1Pod pod = new V1Pod().metadata(new V1ObjectMeta().namespace("default").name(name))
        .spec(new V1PodSpec().priority(priority));
    return QueuedPodInfo.of("default/" + name, pod, timestamp);
  }

  @Test
  void higherPriorityComesFirstEvenIfItCameLater() {
    QueuedPodInfo early = queued("low", 10, T0);
    QueuedPodInfo late = queued("high", 1000, T0.plusSeconds(60));
    assertThat(sort.less(late, early)).isTrue();
    assertThat(sort.less(early, late)).isFalse();
  }

  @Test
  void equalPrioritiesGoByTheTimeTheyEnteredTheQueue() {
    QueuedPodInfo first = queued("a", 5, T0);
    QueuedPodInfo second = queued("b", 5, T0.plusMillis(1));
    assertThat(sort.less(first, second)).isTrue();
    assertThat(sort.less(second, first)).isFalse();
  }

  @Test
  void podsItCannotTellApartAreNeitherLess() {
    QueuedPodInfo a = queued("a", 5, T0);
    QueuedPodInfo b = queued("b", 5, T0);
    assertThat(sort.less(a, b)).isFalse();
    assertThat(sort.less(b, a)).isFalse();
  }

  @Test
  void noPriorityIsZero() {
    assertThat(PrioritySort.priority(queued("none", null, T0).pod())).isZero();
    assertThat(sort.less(queued("none", null, T0.plusSeconds(1)), queued("negative", -1, T0))).isTrue();
    assertThat(sort.less(queued("positive", 1, T0.plusSeconds(1)), queued("none", null, T0))).isTrue();
  }

  @Test
  void theFrameworkOrdersTheQueueByItsOneQueueSortPlugin() {
    var order = new Framework(List.of(handle -> sort), Map.of()).queueSortFunc();
    assertThat(order.compare(queued("high", 9, T0.plusSeconds(1)), queued("low", 1, T0))).isNegative();
    assertThat(order.compare(queued("low", 1, T0), queued("high", 9, T0.plusSeconds(1)))).isPositive();
    assertThat(order.compare(queued("a", 1, T0), queued("b", 1, T0))).isZero();
  }

  @Test
  void aFrameworkTakesOneQueueSortPluginAtMostAndTheQueueNeedsOne() {
    assertThatThrownBy(() -> new Framework(List.of(handle -> sort, handle -> new PrioritySort()), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Framework(List.of(), Map.of()).queueSortFunc())
        .isInstanceOf(IllegalStateException.class);
  }
}
