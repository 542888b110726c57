package dev.minisched.framework;

import static dev.minisched.framework.Fixtures.container;
import static dev.minisched.framework.Fixtures.node;
import static dev.minisched.framework.Fixtures.on;
import static dev.minisched.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeInfoTest {
  private static final long MI = 1024 * 1024;

  @Test
  void sumsThePodsRequestsAndReadsTheNodesAllocatable() {
    V1Pod a = on(pod("a", container("cpu", "500m", "memory", "1Gi")), "n");
    V1Pod b = on(pod("b", container()), "n");
    NodeInfo info = NodeInfo.of(node("n", "cpu", "2", "memory", "4Gi", "pods", "10"), List.of(a, b));
    assertThat(info.name()).isEqualTo("n");
    assertThat(info.pods()).containsExactly(a, b);
    assertThat(info.requested()).isEqualTo(new Resource(500, 1024 * MI, 0, 0, Map.of()));
    assertThat(info.nonZeroRequested()).isEqualTo(new Resource(600, 1224 * MI, 0, 0, Map.of()));
    assertThat(info.allocatable()).isEqualTo(new Resource(2000, 4096 * MI, 0, 10, Map.of()));
  }

  @Test
  void withPodAndWithoutPodLeaveTheOriginalAlone() {
    NodeInfo empty = new NodeInfo(node("n", "cpu", "2"));
    V1Pod a = on(pod("a", container("cpu", "1")), "n");
    NodeInfo one = empty.withPod(a);
    assertThat(empty.pods()).isEmpty();
    assertThat(one.requested().milliCpu()).isEqualTo(1000);
    NodeInfo none = one.withoutPod(a);
    assertThat(none.pods()).isEmpty();
    assertThat(none.requested()).isEqualTo(Resource.EMPTY);
    assertThat(none.nonZeroRequested()).isEqualTo(Resource.EMPTY);
    assertThat(one.pods()).containsExactly(a);
  }

  @Test
  void withoutPodFindsThePodByUidAndSubtractsWhatItAddedThen() {
    V1Pod a = on(pod("a", container("cpu", "1")), "n");
    NodeInfo one = new NodeInfo(node("n")).withPod(a);
    // a later version of the same pod (same UID) with other requests: the counted ones leave
    V1Pod newer = on(pod("a", container("cpu", "3")), "n");
    assertThat(one.withoutPod(newer).requested()).isEqualTo(Resource.EMPTY);
    assertThat(one.withoutPod(pod("stranger"))).isSameAs(one);
  }

  @Test
  void withNodeKeepsThePodsAndReadsTheNewAllocatable() {
    V1Pod a = on(pod("a", container("cpu", "1")), "n");
    NodeInfo info = new NodeInfo(node("n", "cpu", "2")).withPod(a).withNode(node("n", "cpu", "8"));
    assertThat(info.allocatable().milliCpu()).isEqualTo(8000);
    assertThat(info.pods()).containsExactly(a);
    assertThat(info.requested().milliCpu()).isEqualTo(1000);
  }
}
