package dev.minisched;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.minisched.scenarios.BindingRequests;
import dev.minisched.scenarios.BindingRequests.Sent;
import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.Scenario;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.SchedulerFactory;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stage;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What happens to a pod while NodeNumber's permit holds it on node3 for 3 s:
 * <ul>
 *   <li>someone else binds it meanwhile, to node3: the scheduler's own binding gets 409 Conflict,
 *       reads the pod back and finds it on node3 — not an error: no retry, no FailedScheduling
 *       event;</li>
 *   <li>someone else binds it meanwhile, to another node: the 409, read back, is a failed
 *       binding — Unreserve, forget, requeue, and a FailedScheduling event, as upstream;</li>
 *   <li>it is deleted meanwhile: the delete rejects the waiting pod, so no binding is even
 *       attempted, and no event is written for a pod that is gone;</li>
 *   <li>its node is deleted meanwhile: the binding cycle finds the node gone, the pod goes back
 *       to the queue (backoffQ) and is bound to another node on its next attempt.</li>
 * </ul>
 * And, not held: a binding that throws something unexpected (a RuntimeException from the client)
 * fails the pod's attempt like any error, and the pod is bound on its next.
 * The scheduler's client counts its binding requests on the wire.
 */
class BindRacesIT {
  /** Longer than NodeNumber's 3 s hold on node3: had the scheduler bound, it would have by then. */
  private static final Duration PAST_THE_HOLD = Duration.ofSeconds(5);

  /** NodeNumber's permit delay is off by default from stage 6 on; these races need the hold. */
  private static final SchedulerFactory HOLDING = Main.STAGE.scheduler("""
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
      - plugins:
          permit:
            enabled:
            - name: NodeNumber
      """);

  private final BindingRequests bindings = new BindingRequests();
  private final Stage recorded = new Stage(Main.STAGE.module(), "bind-races",
      (client, schedulerName) -> HOLDING.start(bindings.record(client, "scheduler"), schedulerName));

  @Test
  void aPodBoundBySomeoneElseWhileHeldIsDroppedQuietly() {
    RunResult result = ScenarioRunner.run(recorded, new HeldThen("bound-elsewhere", (cluster, pod) -> {
      cluster.bindPod(pod, "node3"); // "someone else"
      await("the scheduler's own binding").atMost(PAST_THE_HOLD).until(() -> bindings.countByPod().containsKey(pod));
    }), Settings.fromEnvironment());

    assertThat(bindings.all()).containsExactly(new Sent("scheduler", "pod3", 409));
    assertThat(result.pod("pod3").node()).isEqualTo("node3");
    assertThat(result.events("pod3", "FailedScheduling")).isEmpty();
  }

  /**
   * The 409 alone does not say the pod is where the scheduler wanted it: read back, it is on
   * node2, so the binding failed, as upstream takes every failed Bind (handleBindingCycleError:
   * Unreserve, forget the assumed pod, requeue; a FailedScheduling event in RunBindPlugins' words).
   */
  @Test
  void aPodBoundToAnotherNodeWhileHeldIsAFailedBinding() {
    RunResult result = ScenarioRunner.run(recorded, new HeldThen("bound-to-another-node", (cluster, pod) -> {
      cluster.createNode(node("node2"));
      cluster.bindPod(pod, "node2"); // "someone else", elsewhere
      await("the scheduler's own binding").atMost(PAST_THE_HOLD).until(() -> bindings.countByPod().containsKey(pod));
      cluster.awaitFailedScheduling(pod, Duration.ofSeconds(10));
    }), Settings.fromEnvironment());

    assertThat(bindings.all()).containsExactly(new Sent("scheduler", "pod3", 409));
    assertThat(result.pod("pod3").node()).isEqualTo("node2");
    assertThat(result.events("pod3", "FailedScheduling")).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).isEqualTo("running Bind plugin \"DefaultBinder\": "
            + "Operation cannot be fulfilled on pods/binding \"pod3\": pod pod3 is already assigned to node \"node2\""));
  }

  @Test
  void aPodDeletedWhileHeldIsNeverBound() {
    RunResult result = ScenarioRunner.run(recorded, new HeldThen("deleted-while-held", (cluster, pod) -> {
      cluster.deletePod(pod);
      await("no binding request").during(PAST_THE_HOLD).atMost(PAST_THE_HOLD.plusSeconds(2))
          .until(() -> bindings.all().isEmpty());
    }), Settings.fromEnvironment());

    assertThat(result.events("pod3", "FailedScheduling")).isEmpty();
    assertThat(result.events("pod3", "Scheduled")).isEmpty();
  }

  @Test
  void aPodWhoseNodeIsDeletedWhileHeldIsRequeuedAndBoundElsewhere() {
    RunResult result = ScenarioRunner.run(recorded, new HeldThen("node deleted", (cluster, pod) -> {
      cluster.createNode(node("node0")); // where it can go instead: NodeNumber lets node0 through at once
      cluster.deleteNode("node3");
      cluster.awaitBound(pod, Duration.ofSeconds(20));
    }), Settings.fromEnvironment());

    // No binding to the deleted node (the API server would have accepted it): one, to node0.
    assertThat(bindings.all()).containsExactly(new Sent("scheduler", "pod3", 201));
    assertThat(result.pod("pod3").node()).isEqualTo("node0");
    assertThat(result.events("pod3", "FailedScheduling")).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).isEqualTo("node node3 was deleted before the pod could be bound"));
  }

  @Test
  void aBindingThatThrowsUnexpectedlyIsRetriedAndBound() {
    AtomicBoolean thrown = new AtomicBoolean();
    Stage throwingOnce = new Stage(Main.STAGE.module(), "bind-throws", (client, schedulerName) ->
        Main.STAGE.scheduler().start(throwOnFirstBinding(bindings.record(client, "scheduler"), thrown), schedulerName));
    RunResult result = ScenarioRunner.run(throwingOnce, new BindThrows(), Settings.fromEnvironment());

    assertThat(thrown).isTrue();
    assertThat(result.pod("pod0").node()).isEqualTo("node0");
    assertThat(bindings.all()).containsExactly(new Sent("scheduler", "pod0", 201)); // the one that got through
    assertThat(result.events("pod0", "FailedScheduling")).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).startsWith("internal error: java.lang.IllegalStateException"));
  }

  /** The client's first binding request throws, as a bug in the client would, before it is sent. */
  private static ApiClient throwOnFirstBinding(ApiClient client, AtomicBoolean thrown) {
    return client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(chain -> {
      if (chain.request().url().encodedPath().endsWith("/binding") && thrown.compareAndSet(false, true)) {
        throw new IllegalStateException("the client broke");
      }
      return chain.proceed(chain.request());
    }).build());
  }

  /** The story: pod0 goes to node0, which NodeNumber lets through at once; its first binding throws. */
  private static final class BindThrows implements Scenario {
    @Override
    public String name() {
      return "bind-throws";
    }

    @Override
    public String description() {
      return "pod0's first binding request throws a RuntimeException in the client";
    }

    @Override
    public void run(Cluster cluster) {
      cluster.createNode(node("node0"));
      cluster.createPod(pod("pod0"));
      cluster.awaitBound("pod0", Duration.ofSeconds(20));
    }
  }

  /** What the story does to the held pod. */
  private interface Meanwhile {
    void accept(Cluster cluster, String pod);
  }

  /** The story: pod3 goes to node3, where NodeNumber's permit holds it 3 s; meanwhile, something happens. */
  private record HeldThen(String name, Meanwhile meanwhile) implements Scenario {
    @Override
    public String description() {
      return "pod3 is held on node3 by permit for 3 s; meanwhile: " + name;
    }

    @Override
    public void run(Cluster cluster) {
      cluster.createNode(node("node3"));
      cluster.createPod(pod("pod3")); // half a second after the node: see Cluster.NODE_SETTLE
      cluster.pause(Duration.ofSeconds(1)); // the scheduler picks it up at once; 2 s of its hold remain
      meanwhile.accept(cluster, "pod3");
    }
  }
}
