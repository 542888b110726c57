package dev.minisched;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.minisched.scenarios.BindingRequests;
import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.LeaderElectedScheduler;
import dev.minisched.scenarios.PodOutcome;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.RunningScheduler;
import dev.minisched.scenarios.Scenario;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stage;
import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Two instances of this stage's scheduler on one control plane, each wrapped in
 * {@link LeaderElectedScheduler} as kube-scheduler runs with {@code --leader-elect}: only the
 * holder of the Lease schedules; when it stops, the other takes over; and no pod is bound twice —
 * no instance even tries to bind a pod the other one handles.
 *
 * <p>The test starts the control plane itself and hands it to the runner as an existing cluster
 * (the kubeconfig backend), so that each instance can get a client of its own: the test counts
 * every binding request each client sends, and the API server's answer to it.
 */
class LeaderElectionIT {
  /** Short enough for a test, in upstream's proportions (lease > renew deadline > retry). */
  private static final LeaderElectedScheduler.Timing FAST =
      new LeaderElectedScheduler.Timing(Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofSeconds(1));
  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(20);

  /** Started by the runner's thread, read by the scenario's. */
  private final List<LeaderElectedScheduler> instances = new CopyOnWriteArrayList<>();
  private final BindingRequests bindings = new BindingRequests();
  private ControlPlane controlPlane;
  private volatile String schedulerName; // the Lease's name

  @Test
  void onlyTheLeaderBindsAndTheOtherTakesOverWhenItStops() {
    HandOver handOver = new HandOver();
    RunResult result;
    try (ControlPlane started = ControlPlanes.start(Settings.fromEnvironment())) {
      controlPlane = started;
      Stage twoInstances = new Stage(Main.STAGE.module(), handOver.name(), (runnersClient, schedulerName) -> {
        RunningScheduler a = startInstance("instance-a", schedulerName);
        RunningScheduler b = startInstance("instance-b", schedulerName);
        return () -> {
          a.close();
          b.close();
        };
      });
      result = ScenarioRunner.run(twoInstances, handOver, Settings.with(Map.of(
          "backend", "kubeconfig", "kubeconfig", started.kubeconfig().toString())));
    }

    assertThat(result.pods()).hasSize(10).allMatch(PodOutcome::isBound);
    // Every pod got exactly one binding request, which succeeded: nobody lost a race, because
    // there was none.
    assertThat(bindings.all()).allSatisfy(b -> assertThat(b.httpStatus()).as("%s", b).isEqualTo(201));
    assertThat(bindings.countByPod()).hasSize(10).allSatisfy((pod, count) -> assertThat(count).as(pod).isEqualTo(1));
    // The first leader bound the first five; after it stepped down, the other bound the rest.
    assertThat(bindings.senderByPod()).allSatisfy((pod, instance) -> assertThat(instance).as(pod)
        .isEqualTo(pod.startsWith("first-") ? handOver.first.identity() : handOver.second.identity()));
  }

  /**
   * The story: one instance leads; five pods are bound; the leader stops; the other leads and
   * binds five more.
   */
  private final class HandOver implements Scenario {
    LeaderElectedScheduler first;
    LeaderElectedScheduler second;

    @Override
    public String name() {
      return "leader-hand-over";
    }

    @Override
    public String description() {
      return "two scheduler instances; the leader binds, steps down, the other takes over";
    }

    @Override
    public void run(Cluster cluster) {
      // Names ending in 0: NodeNumber's permit lets pods through at once.
      cluster.createNode(node("node0"));
      cluster.createNode(node("node10"));

      first = awaitTheOnlyLeader();
      createPods(cluster, "first-");
      cluster.awaitAllBound(BIND_TIMEOUT);

      cluster.mark(first.identity() + " steps down");
      first.close();
      second = awaitTheOnlyLeader();
      assertThat(second).isNotSameAs(first);
      createPods(cluster, "second-");
      cluster.awaitAllBound(BIND_TIMEOUT);
    }

    private void createPods(Cluster cluster, String prefix) {
      for (int i = 1; i <= 5; i++) {
        cluster.createPod(pod(prefix + i));
      }
    }
  }

  /**
   * Waits until exactly one instance leads and has for two seconds in a row (so not two for a
   * moment, either), and checks that the Lease names it.
   */
  private LeaderElectedScheduler awaitTheOnlyLeader() {
    await("exactly one leader").atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(2))
        .until(() -> leaders().size() == 1);
    LeaderElectedScheduler leader = leaders().get(0);
    assertThat(leaseHolder()).isEqualTo(leader.identity());
    return leader;
  }

  private List<LeaderElectedScheduler> leaders() {
    return instances.stream().filter(LeaderElectedScheduler::isLeading).toList();
  }

  private String leaseHolder() {
    try {
      return new CoordinationV1Api(controlPlane.newClient())
          .readNamespacedLease(schedulerName, "kube-system").execute()
          .getSpec().getHolderIdentity();
    } catch (Exception e) {
      throw new AssertionError("cannot read the Lease", e);
    }
  }

  /** One instance: the stage's scheduler behind leader election, with a client of its own. */
  private RunningScheduler startInstance(String identity, String schedulerName) throws Exception {
    this.schedulerName = schedulerName;
    ApiClient client = bindings.record(controlPlane.newClient(), identity);
    LeaderElectedScheduler instance = (LeaderElectedScheduler)
        LeaderElectedScheduler.around(Main.STAGE.scheduler(), identity, FAST).start(client, schedulerName);
    instances.add(instance);
    return instance;
  }
}
