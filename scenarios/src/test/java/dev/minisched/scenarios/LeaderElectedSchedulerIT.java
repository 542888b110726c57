package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Leader election on a real API server, with schedulers that do nothing (what is under test is
 * the Lease, not scheduling): an instance whose scheduler fails to start gives the lease up at
 * once, so another instance leads instead of nobody.
 */
class LeaderElectedSchedulerIT {
  /** A lease long enough that the hand-over below cannot be the lease running out. */
  private static final LeaderElectedScheduler.Timing TIMING =
      new LeaderElectedScheduler.Timing(Duration.ofSeconds(20), Duration.ofSeconds(15), Duration.ofSeconds(1));

  @Test
  void anInstanceWhoseSchedulerFailsToStartGivesTheLeaseUp() throws Exception {
    try (ControlPlane controlPlane = ControlPlanes.start(Settings.fromEnvironment())) {
      CountDownLatch failing = new CountDownLatch(1);
      CountDownLatch fail = new CountDownLatch(1);
      SchedulerFactory broken = (client, name) -> {
        failing.countDown();
        fail.await(30, TimeUnit.SECONDS);
        throw new IllegalStateException("the informers did not sync");
      };
      SchedulerFactory working = (client, name) -> () -> { };

      LeaderElectedScheduler a = (LeaderElectedScheduler) LeaderElectedScheduler
          .around(broken, "instance-a", TIMING).start(controlPlane.newClient(), "it-scheduler");
      LeaderElectedScheduler b = null;
      try {
        // a holds the lease and is starting its scheduler when b joins.
        assertThat(failing.await(30, TimeUnit.SECONDS)).as("a became leader").isTrue();
        assertThat(leaseHolder(controlPlane)).isEqualTo("instance-a");
        b = (LeaderElectedScheduler) LeaderElectedScheduler
            .around(working, "instance-b", TIMING).start(controlPlane.newClient(), "it-scheduler");
        fail.countDown();

        // Well within the lease duration: a gave the lease up, it did not just let it expire.
        await("b leads").atMost(Duration.ofSeconds(10)).until(b::isLeading);
        assertThat(leaseHolder(controlPlane)).isEqualTo("instance-b");
        assertThat(a.isLeading()).isFalse();
      } finally {
        a.close();
        if (b != null) {
          b.close();
        }
      }
    }
  }

  private static String leaseHolder(ControlPlane controlPlane) throws Exception {
    return new CoordinationV1Api(controlPlane.newClient())
        .readNamespacedLease("it-scheduler", "kube-system").execute().getSpec().getHolderIdentity();
  }
}
