package dev.minisched.plugins;

import static dev.minisched.framework.Fixtures.container;
import static dev.minisched.framework.Fixtures.node;
import static dev.minisched.framework.Fixtures.pod;
import static dev.minisched.framework.Fixtures.withInit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.ClusterEvent;
import dev.minisched.framework.ClusterEventWithHint;
import dev.minisched.framework.Code;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases and numbers from upstream's fit_test.go (TestEnoughRequests and friends): a node offering
 * 10m cpu, 20 bytes of memory, 32 pods, 5 example.com/aaa, 20 bytes of ephemeral storage and
 * 5 bytes of hugepages-2Mi, with one pod already on it.
 */
class NodeResourcesFitTest {
  private final NodeResourcesFit plugin = new NodeResourcesFit();
  private static final String EXT_A = "example.com/aaa";

  /** A container asking for milliCpu, memory bytes and example.com/aaa (0 = not asked). */
  static V1Container c(long milliCpu, long memory, long extA) {
    List<String> req = new ArrayList<>(List.of("cpu", milliCpu + "m", "memory", String.valueOf(memory)));
    if (extA > 0) {
      req.addAll(List.of(EXT_A, String.valueOf(extA)));
    }
    return container(req.toArray(String[]::new));
  }

  static V1Pod p(V1Container... containers) {
    return pod("incoming", containers);
  }

  /** Upstream's node: makeAllocatableResources(10, 20, 32, 5, 20, 5), holding one pod. */
  static NodeInfo nodeUsing(V1Container... used) {
    return NodeInfo.of(node("n", "cpu", "10m", "memory", "20", "pods", "32", EXT_A, "5",
        "ephemeral-storage", "20", "hugepages-2Mi", "5"), List.of(pod("existing", used)));
  }

  Status filter(V1Pod pod, NodeInfo node) {
    return plugin.filter(new CycleState(), pod, node);
  }

  void assertFits(V1Pod pod, NodeInfo node) {
    assertThat(filter(pod, node)).isEqualTo(Status.SUCCESS);
  }

  void assertInsufficient(V1Pod pod, NodeInfo node, String... reasons) {
    Status status = filter(pod, node);
    assertThat(status.code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(status.reasons()).containsExactly(reasons);
  }

  @Test
  void noResourcesRequestedAlwaysFits() {
    assertFits(pod("incoming"), nodeUsing(c(10, 20, 0)));
  }

  @Test
  void tooManyResourcesFailsWithEveryMissingResource() {
    assertInsufficient(p(c(1, 1, 0)), nodeUsing(c(10, 20, 0)), "Insufficient cpu", "Insufficient memory");
  }

  @Test
  void initContainersCountByTheirLargest() {
    assertInsufficient(withInit(p(c(1, 1, 0)), c(3, 1, 0)), nodeUsing(c(8, 19, 0)), "Insufficient cpu");
    assertInsufficient(withInit(p(c(1, 1, 0)), c(3, 1, 0), c(2, 1, 0)), nodeUsing(c(8, 19, 0)), "Insufficient cpu");
    assertInsufficient(withInit(p(c(1, 1, 0)), c(1, 3, 0)), nodeUsing(c(9, 19, 0)), "Insufficient memory");
    assertInsufficient(withInit(p(c(1, 1, 0)), c(1, 3, 0), c(1, 2, 0)), nodeUsing(c(9, 19, 0)), "Insufficient memory");
    assertFits(withInit(p(c(1, 1, 0)), c(1, 1, 0)), nodeUsing(c(9, 19, 0)));
    assertFits(withInit(p(c(1, 1, 0)), c(1, 1, 0), c(1, 1, 0)), nodeUsing(c(9, 19, 0)));
  }

  @Test
  void oneResourceFitsTheOtherDoesNot() {
    assertFits(p(c(1, 1, 0)), nodeUsing(c(5, 5, 0)));
    assertInsufficient(p(c(2, 1, 0)), nodeUsing(c(9, 5, 0)), "Insufficient cpu");
    assertInsufficient(p(c(1, 2, 0)), nodeUsing(c(5, 19, 0)), "Insufficient memory");
  }

  @Test
  void equalEdgeCasesFit() {
    assertFits(p(c(5, 1, 0)), nodeUsing(c(5, 19, 0)));
    assertFits(withInit(p(c(4, 1, 0)), c(5, 1, 0)), nodeUsing(c(5, 19, 0)));
  }

  @Test
  void extendedResources() {
    assertFits(p(c(0, 0, 1)), nodeUsing());
    assertFits(withInit(p(), c(0, 0, 1)), nodeUsing());
    assertInsufficient(p(c(1, 1, 10)), nodeUsing(c(0, 0, 0)), "Insufficient " + EXT_A); // capacity enforced
    assertInsufficient(withInit(p(), c(1, 1, 10)), nodeUsing(c(0, 0, 0)), "Insufficient " + EXT_A);
    assertInsufficient(p(c(1, 1, 1)), nodeUsing(c(0, 0, 5)), "Insufficient " + EXT_A); // allocatable enforced
    assertInsufficient(p(c(1, 1, 3), c(1, 1, 3)), nodeUsing(c(0, 0, 2)), "Insufficient " + EXT_A);
    assertFits(withInit(p(), c(1, 1, 3), c(1, 1, 3)), nodeUsing(c(0, 0, 2)));
    assertInsufficient(p(container("example.com/bbb", "1")), nodeUsing(), "Insufficient example.com/bbb");
  }

  @Test
  void hugepagesAndEphemeralStorage() {
    assertInsufficient(p(container("hugepages-2Mi", "10")), nodeUsing(container("hugepages-2Mi", "0")),
        "Insufficient hugepages-2Mi");
    assertInsufficient(p(container("hugepages-2Mi", "3")), nodeUsing(container("hugepages-2Mi", "3")),
        "Insufficient hugepages-2Mi");
    assertInsufficient(p(container("ephemeral-storage", "25")), nodeUsing(c(2, 2, 0)),
        "Insufficient ephemeral-storage");
    assertFits(p(container("ephemeral-storage", "10")), nodeUsing(c(2, 2, 0)));
  }

  @Test
  void tooManyPodsIsCheckedEvenForAPodThatAsksForNothing() {
    NodeInfo full = NodeInfo.of(node("n", "cpu", "10m", "memory", "20", "pods", "1"), List.of(pod("existing", c(10, 20, 0))));
    assertInsufficient(pod("incoming"), full, "Too many pods");
    assertInsufficient(p(c(1, 1, 0)), full, "Too many pods", "Insufficient cpu", "Insufficient memory");
  }

  @Test
  void aResourceThePodDoesNotRequestIsNotChecked() {
    // the node is overcommitted on memory (someone else's pods), the pod asks for cpu only
    NodeInfo over = NodeInfo.of(node("n", "cpu", "10m", "memory", "20", "pods", "32"), List.of(pod("existing", c(0, 30, 0))));
    assertFits(p(container("cpu", "1m")), over);
  }

  @Test
  void thePodsRequestsAreComputedOncePerCycle() {
    CycleState state = new CycleState();
    V1Pod pod = p(c(1, 1, 0));
    assertThat(plugin.filter(state, pod, nodeUsing(c(5, 5, 0)))).isEqualTo(Status.SUCCESS);
    pod.getSpec().getContainers().get(0).getResources().getRequests().clear(); // ignored: already computed
    assertThat(plugin.filter(state, pod, nodeUsing(c(10, 5, 0))).reasons()).containsExactly("Insufficient cpu");
  }

  @Test
  void roomFreedOrAddedMayHelpButLabelsAndTaintsCannot() {
    List<ClusterEventWithHint> registered = plugin.eventsToRegister();
    assertThat(registered).anyMatch(e -> e.event().matches(ClusterEvent.ASSIGNED_POD_DELETE));
    assertThat(registered).anyMatch(e -> e.event().matches(ClusterEvent.NODE_ADD));
    assertThat(registered).anyMatch(e -> e.event().matches(ClusterEvent.NODE_ALLOCATABLE_CHANGE));
    assertThat(registered).noneMatch(e -> e.event().matches(ClusterEvent.ASSIGNED_POD_ADD));
    assertThat(registered).noneMatch(e -> e.event().matches(ClusterEvent.NODE_LABEL_CHANGE));
    assertThat(registered).noneMatch(e -> e.event().matches(ClusterEvent.NODE_TAINT_CHANGE));
  }
}
