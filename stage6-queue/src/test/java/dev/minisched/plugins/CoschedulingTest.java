package dev.minisched.plugins;

import static dev.minisched.framework.Fixtures.container;
import static dev.minisched.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.Code;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.Framework;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoschedulingTest {
  private final Framework framework = new Framework(List.of(Coscheduling::new), Map.of());

  @AfterEach
  void close() {
    framework.close();
  }

  private static V1Pod member(String name, String group, String min) {
    V1Pod pod = pod(name, container());
    pod.getMetadata().setLabels(Map.of(Coscheduling.GROUP_LABEL, group, Coscheduling.MIN_AVAILABLE_LABEL, min));
    return pod;
  }

  /** What the scheduling cycle does after assume: Reserve, then Permit. */
  private Status reserveAndPermit(V1Pod pod) {
    CycleState state = new CycleState();
    assertThat(framework.runReservePluginsReserve(state, pod, "node-a").isSuccess()).isTrue();
    return framework.runPermitPlugins(state, pod, "node-a");
  }

  @Test
  void membersWaitUntilTheMinimumIsPlacedThenAllGoAtOnce() throws Exception {
    V1Pod a = member("a", "gang", "3");
    V1Pod b = member("b", "gang", "3");
    assertThat(reserveAndPermit(a).code()).isEqualTo(Code.WAIT);
    assertThat(reserveAndPermit(b).code()).isEqualTo(Code.WAIT);
    assertThat(framework.waitOnPermit(a)).isNotDone();

    assertThat(reserveAndPermit(member("c", "gang", "3"))).isEqualTo(Status.SUCCESS);
    assertThat(framework.waitOnPermit(a).get(1, TimeUnit.SECONDS)).isEqualTo(Status.SUCCESS);
    assertThat(framework.waitOnPermit(b).get(1, TimeUnit.SECONDS)).isEqualTo(Status.SUCCESS);
  }

  @Test
  void podsOfOtherGroupsAndPodsWithoutAGroupAreNotHeld() {
    assertThat(reserveAndPermit(pod("plain", container()))).isEqualTo(Status.SUCCESS);
    assertThat(reserveAndPermit(member("x", "one", "2")).code()).isEqualTo(Code.WAIT);
    assertThat(reserveAndPermit(member("y", "other", "2")).code()).isEqualTo(Code.WAIT);
    assertThat(reserveAndPermit(member("z", "solo", "1"))).isEqualTo(Status.SUCCESS);
  }

  @Test
  void unreserveOfOneMemberRejectsTheWaitingOthersAndUncountsIt() throws Exception {
    V1Pod a = member("a", "gang", "3");
    V1Pod b = member("b", "gang", "3");
    reserveAndPermit(a);
    reserveAndPermit(b);
    framework.runReservePluginsUnreserve(new CycleState(), a, "node-a"); // e.g. a's wait timed out

    Status rejected = framework.waitOnPermit(b).get(1, TimeUnit.SECONDS);
    assertThat(rejected.code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(rejected.message()).isEqualTo("pod group gang was rejected: member a could not be placed");
    framework.runReservePluginsUnreserve(new CycleState(), b, "node-a");
    framework.runReservePluginsUnreserve(new CycleState(), b, "node-a"); // idempotent

    // Both left the count: a new try of the group starts from nothing.
    assertThat(reserveAndPermit(member("c", "gang", "3")).code()).isEqualTo(Code.WAIT);
  }

  @Test
  void aMinimumThatIsNotAPositiveIntegerRejectsThePodNamingTheLabel() {
    for (String bad : List.of("three", "0", "-1", "")) {
      Status status = reserveAndPermit(member("bad", "gang", bad));
      assertThat(status.code()).as(bad).isEqualTo(Code.UNSCHEDULABLE);
      assertThat(status.message()).as(bad)
          .isEqualTo("label minisched.dev/pod-group-min-available must be a positive integer, not '" + bad + "'");
      framework.runReservePluginsUnreserve(new CycleState(), member("bad", "gang", bad), "node-a");
    }
  }
}
