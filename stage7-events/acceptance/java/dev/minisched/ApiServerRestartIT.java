package dev.minisched;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.BindingRequests;
import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.PodOutcome;
import dev.minisched.scenarios.RunResult;
import dev.minisched.scenarios.Scenario;
import dev.minisched.scenarios.ScenarioRunner;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stage;
import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * kube-apiserver goes away for a few seconds mid-scenario and comes back (etcd and its data
 * stay), as it does in a real cluster on an upgrade. The scheduler's watches break; its informers
 * must reconnect and catch up. Pods created before the outage, during it (the scenario's create
 * waits until the API server answers again) and after it are all bound, each by exactly one
 * binding request.
 *
 * <p>The test starts the control plane itself, to stop and start its API server, and hands it to
 * the runner as an existing cluster (the kubeconfig backend).
 */
class ApiServerRestartIT {
  private static final Duration OUTAGE = Duration.ofSeconds(3);
  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

  private final BindingRequests bindings = new BindingRequests();

  @Test
  void podsBeforeDuringAndAfterAnOutageAreEachBoundOnce() {
    RunResult result;
    try (ControlPlane controlPlane = ControlPlanes.start(Settings.fromEnvironment())) {
      Stage recorded = new Stage(Main.STAGE.module(), "api-server-restart",
          (client, schedulerName) -> Main.STAGE.scheduler().start(bindings.record(client, "scheduler"), schedulerName));
      result = ScenarioRunner.run(recorded, new Outage(controlPlane), Settings.with(Map.of(
          "backend", "kubeconfig", "kubeconfig", controlPlane.kubeconfig().toString())));
    }

    assertThat(result.pods()).extracting(PodOutcome::name)
        .containsExactly("before-1", "before-2", "during-1", "after-1", "after-2");
    assertThat(result.pods()).allMatch(PodOutcome::isBound);
    assertThat(bindings.all()).allSatisfy(b -> assertThat(b.httpStatus()).as("%s", b).isEqualTo(201));
    assertThat(bindings.countByPod()).hasSize(5).allSatisfy((pod, count) -> assertThat(count).as(pod).isEqualTo(1));
  }

  /** The story: two pods bound; the API server stops; a pod is created; it starts again; two more. */
  private static final class Outage implements Scenario {
    private final ControlPlane controlPlane;

    Outage(ControlPlane controlPlane) {
      this.controlPlane = controlPlane;
    }

    @Override
    public String name() {
      return "api-server-restart";
    }

    @Override
    public String description() {
      return "kube-apiserver stops for a few seconds and starts again; etcd keeps the data";
    }

    @Override
    public void run(Cluster cluster) {
      cluster.createNode(node("node0")); // ends in 0: NodeNumber's permit lets pods through at once
      cluster.createPod(pod("before-1"));
      cluster.createPod(pod("before-2"));
      cluster.awaitAllBound(BIND_TIMEOUT);

      cluster.mark("kube-apiserver stopped");
      controlPlane.stopApiServer();
      // Started again by a timer thread, while this thread's create waits for the API server.
      CompletableFuture<Void> back = CompletableFuture.runAsync(controlPlane::startApiServer,
          CompletableFuture.delayedExecutor(OUTAGE.toMillis(), TimeUnit.MILLISECONDS));
      cluster.createPod(pod("during-1"));
      back.join();
      cluster.mark("kube-apiserver back, during-1 created");

      cluster.createPod(pod("after-1"));
      cluster.createPod(pod("after-2"));
      cluster.awaitAllBound(BIND_TIMEOUT);
    }
  }
}
