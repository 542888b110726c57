package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SchedulingQueueTest {
  private final SchedulingQueue queue = new SchedulingQueue();

  static V1Pod pod(String name, String version) {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name(name).resourceVersion(version));
  }

  @Test
  void popsInArrivalOrder() throws Exception {
    queue.add(pod("a", "1"));
    queue.add(pod("b", "1"));
    queue.add(pod("c", "1"));
    assertThat(queue.pop().getMetadata().getName()).isEqualTo("a");
    assertThat(queue.pop().getMetadata().getName()).isEqualTo("b");
    assertThat(queue.pop().getMetadata().getName()).isEqualTo("c");
  }

  @Test
  void updateReplacesInPlaceAndIgnoresPodsNotWaiting() throws Exception {
    queue.add(pod("a", "1"));
    queue.add(pod("b", "1"));
    queue.update(pod("a", "2"));
    queue.update(pod("z", "1"));
    assertThat(queue.size()).isEqualTo(2);
    V1Pod first = queue.pop();
    assertThat(first.getMetadata().getName()).isEqualTo("a");
    assertThat(first.getMetadata().getResourceVersion()).isEqualTo("2");
  }

  @Test
  void deleteForgetsThePod() throws Exception {
    queue.add(pod("a", "1"));
    queue.add(pod("b", "1"));
    queue.delete(pod("a", "1"));
    assertThat(queue.pop().getMetadata().getName()).isEqualTo("b");
    assertThat(queue.size()).isZero();
  }

  @Test
  void popBlocksUntilAPodArrives() {
    CompletableFuture<V1Pod> popped = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.pop();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> !popped.isDone());
    queue.add(pod("late", "1"));
    await().atMost(Duration.ofSeconds(5)).until(popped::isDone);
    assertThat(popped.join().getMetadata().getName()).isEqualTo("late");
  }

  @Test
  void closeWakesAWaitingPop() throws Exception {
    CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
      try {
        queue.pop();
        return null;
      } catch (InterruptedException e) {
        return e;
      }
    });
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> !outcome.isDone());
    queue.close();
    await().atMost(Duration.ofSeconds(5)).until(outcome::isDone);
    assertThat(outcome.join()).isInstanceOf(InterruptedException.class);
    assertThatThrownBy(queue::pop).isInstanceOf(InterruptedException.class);
  }
}
