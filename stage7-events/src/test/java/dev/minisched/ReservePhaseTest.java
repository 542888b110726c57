package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.Framework;
import dev.minisched.framework.PermitPlugin;
import dev.minisched.framework.PermitResult;
import dev.minisched.framework.ReservePlugin;
import dev.minisched.framework.Status;
import dev.minisched.plugins.PrioritySort;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.custom.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Reserve and Unreserve in the scheduler's cycle, without an API server: a recording plugin
 * writes down every call, and whether the pod was still assumed in the cache at that moment.
 * Binding goes to a port where nothing listens, so it fails.
 */
class ReservePhaseTest {
  private static final String NODE = "node-a";

  /** Records "first.reserve" etc.; "+assumed" when the cache counted the pod on the node then. */
  private static final class Recording implements ReservePlugin, PermitPlugin {
    private final String name;
    private final List<String> calls;
    private final AtomicReference<Scheduler> scheduler;
    private final PermitResult permit;
    private final Status reserve;

    Recording(String name, List<String> calls, AtomicReference<Scheduler> scheduler, Status reserve, PermitResult permit) {
      this.name = name;
      this.calls = calls;
      this.scheduler = scheduler;
      this.reserve = reserve;
      this.permit = permit;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Status reserve(CycleState state, V1Pod pod, String nodeName) {
      calls.add(name + ".reserve" + assumed(pod));
      return reserve;
    }

    @Override
    public void unreserve(CycleState state, V1Pod pod, String nodeName) {
      calls.add(name + ".unreserve" + assumed(pod));
    }

    @Override
    public PermitResult permit(CycleState state, V1Pod pod, String nodeName) {
      calls.add(name + ".permit" + assumed(pod));
      return permit;
    }

    private String assumed(V1Pod pod) {
      boolean counted = scheduler.get().cache.nodeInfo(NODE).orElseThrow().pods().stream()
          .anyMatch(p -> p.getMetadata().getUid().equals(pod.getMetadata().getUid()));
      return counted ? "+assumed" : "";
    }
  }

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicReference<Scheduler> scheduler = new AtomicReference<>();

  private Scheduler schedulerWith(Status secondReserve, PermitResult secondPermit) {
    // Nothing listens on port 9: the binding call fails.
    return schedulerWith(secondReserve, secondPermit, new ApiClient().setBasePath("http://127.0.0.1:9").setReadTimeout(0));
  }

  private Scheduler schedulerWith(Status secondReserve, PermitResult secondPermit, ApiClient client) {
    Framework framework = new Framework(List.of(handle -> new PrioritySort(),
        handle -> new Recording("first", calls, scheduler, Status.SUCCESS, PermitResult.allow()),
        handle -> new Recording("second", calls, scheduler, secondReserve, secondPermit)), Map.of());
    Scheduler created = new Scheduler(client, "minisched", framework);
    scheduler.set(created);
    V1Node node = new V1Node().metadata(new V1ObjectMeta().name(NODE))
        .status(new V1NodeStatus().allocatable(Map.of("cpu", Quantity.fromString("1"), "pods", Quantity.fromString("10"))));
    created.cache.addNode(node);
    created.nodeInformer.getIndexer().add(node); // the binding cycle checks the node is still there
    return created;
  }

  private static V1Pod pod() {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name("web").uid("uid-web"))
        .spec(new V1PodSpec().schedulerName("minisched").containers(List.of(new V1Container().name("c"))));
  }

  private void scheduleOnePod(Scheduler scheduler) throws InterruptedException {
    scheduler.queue.add(pod());
    scheduler.scheduleOne();
  }

  private boolean forgotten() {
    return scheduler.get().cache.nodeInfo(NODE).orElseThrow().pods().isEmpty();
  }

  @Test
  void aBindFailureUnreservesInReverseOrderThenForgetsThePod() throws InterruptedException {
    Scheduler s = schedulerWith(Status.SUCCESS, PermitResult.allow());
    try (CapturedLog log = new CapturedLog()) {
      scheduleOnePod(s);
      await().atMost(Duration.ofSeconds(20)).until(() -> log.text().contains("default/web not scheduled: running Bind plugin \"DefaultBinder\": "));
      assertThat(calls).containsExactly(
          "first.reserve+assumed", "second.reserve+assumed", // assume, then Reserve
          "first.permit+assumed", "second.permit+assumed", // then Permit
          "second.unreserve+assumed", "first.unreserve+assumed"); // reverse order, before forget
      assertThat(forgotten()).as("the room is free again").isTrue();
    } finally {
      s.close();
    }
  }

  @Test
  void aPermitRejectionUnreservesInReverseOrderThenForgetsThePod() throws InterruptedException {
    Scheduler s = schedulerWith(Status.SUCCESS, PermitResult.reject("not now"));
    try (CapturedLog log = new CapturedLog()) {
      scheduleOnePod(s);
      assertThat(calls).containsExactly(
          "first.reserve+assumed", "second.reserve+assumed", "first.permit+assumed", "second.permit+assumed",
          "second.unreserve+assumed", "first.unreserve+assumed");
      assertThat(forgotten()).isTrue();
      assertThat(log.text()).contains("default/web not scheduled: 0/1 nodes are available: 1 not now.");
    } finally {
      s.close();
    }
  }

  @Test
  void aPermitTimeoutUnreservesOnTheBindingThreadThenForgetsThePod() throws InterruptedException {
    Scheduler s = schedulerWith(Status.SUCCESS, PermitResult.waitFor(Duration.ofMillis(100)));
    try (CapturedLog log = new CapturedLog()) {
      scheduleOnePod(s);
      await().atMost(Duration.ofSeconds(5)).until(() -> log.text().contains("rejected due to timeout"));
      await().atMost(Duration.ofSeconds(5)).until(this::forgotten);
      assertThat(calls).containsExactly(
          "first.reserve+assumed", "second.reserve+assumed", "first.permit+assumed", "second.permit+assumed",
          "second.unreserve+assumed", "first.unreserve+assumed");
    } finally {
      s.close();
    }
  }

  /** Upstream's RunReservePluginsReserve words the error: "running Reserve plugin %q: %w". */
  @Test
  void aFailedReserveSkipsPermitAndUnreservesEveryPlugin() throws InterruptedException {
    Scheduler s = schedulerWith(Status.error("books are closed"), PermitResult.allow());
    try (CapturedLog log = new CapturedLog()) {
      scheduleOnePod(s);
      // Every reserve plugin is unreserved, the one that failed too: Unreserve is idempotent.
      assertThat(calls).containsExactly(
          "first.reserve+assumed", "second.reserve+assumed", "second.unreserve+assumed", "first.unreserve+assumed");
      assertThat(forgotten()).isTrue();
      assertThat(log.text()).contains("running Reserve plugin \"second\": books are closed");
    } finally {
      s.close();
    }
  }

  /** Upstream's RunPermitPlugins words the error: "running Permit plugin %q: %w". */
  @Test
  void aPermitErrorUnreservesAndSaysWhichPlugin() throws InterruptedException {
    Scheduler s = schedulerWith(Status.SUCCESS, new PermitResult(Status.error("gang lost"), Duration.ZERO));
    try (CapturedLog log = new CapturedLog()) {
      scheduleOnePod(s);
      assertThat(forgotten()).isTrue();
      assertThat(log.text()).contains("running Permit plugin \"second\": gang lost");
    } finally {
      s.close();
    }
  }

  /**
   * Upstream's schedulingCycle: a Reserve plugin that rejects the pod (Unschedulable) makes a
   * FitError over the chosen node, with that plugin as the rejector, so the pod waits in
   * unschedulablePods for a change that may help it; only an error sends it to backoffQ.
   */
  @Test
  void aReserveRejectionParksThePodAsUnschedulableByThatPlugin() throws InterruptedException {
    Scheduler s = schedulerWith(Status.unschedulable("no room in the gang"), PermitResult.allow());
    s.podInformer.getIndexer().add(pod()); // the pod is still there, so it goes back to the queue
    try (CapturedLog log = new CapturedLog()) {
      scheduleOnePod(s);
      assertThat(calls).containsExactly(
          "first.reserve+assumed", "second.reserve+assumed", "second.unreserve+assumed", "first.unreserve+assumed");
      assertThat(forgotten()).isTrue();
      assertThat(s.queue.whereIs("default/web")).isEqualTo("unschedulablePods");
      assertThat(s.queue.get("default/web").orElseThrow().unschedulablePlugins()).containsExactly("second");
      assertThat(log.text()).contains("default/web could not be scheduled: 0/1 nodes are available: 1 no room in the gang.");
    } finally {
      s.close();
    }
  }
}
