package dev.minisched.framework;

import static dev.minisched.framework.Fixtures.container;
import static dev.minisched.framework.Fixtures.pod;
import static dev.minisched.framework.Fixtures.resources;
import static dev.minisched.framework.Fixtures.sidecar;
import static dev.minisched.framework.Fixtures.withInit;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cases from upstream's computePodResourceRequest comment and component-helpers' helpers_test.go. */
class PodRequestsTest {
  private static Resource cpuMem(long milliCpu, long memory) {
    return new Resource(milliCpu, memory, 0, 0, Map.of());
  }

  @Test
  void containersAddUp() {
    V1Pod p = pod("p", container("cpu", "2", "memory", "1G"), container("cpu", "1", "memory", "1G"));
    assertThat(PodRequests.of(p)).isEqualTo(cpuMem(3000, 2_000_000_000L));
  }

  @Test
  void initContainersCountByTheLargestNotTheSum() {
    // upstream's example: init 2 cpu/1G and 2 cpu/3G, containers 2 cpu/1G and 1 cpu/1G -> 3 cpu, 3G
    V1Pod p = withInit(pod("p", container("cpu", "2", "memory", "1G"), container("cpu", "1", "memory", "1G")),
        container("cpu", "2", "memory", "1G"), container("cpu", "2", "memory", "3G"));
    assertThat(PodRequests.of(p)).isEqualTo(cpuMem(3000, 3_000_000_000L));
  }

  @Test
  void sidecarsAddToTheContainersAndToEveryLaterInitContainer() {
    // sidecar 1 cpu; then a plain init container of 2 cpu runs beside it: 3; containers 1 cpu + sidecar = 2
    V1Pod p = withInit(pod("p", container("cpu", "1")), sidecar("cpu", "1"), container("cpu", "2"));
    assertThat(PodRequests.of(p).milliCpu()).isEqualTo(3000);
    // an init container that runs before the sidecar does not see it: max(1+1, 2) = 2
    V1Pod before = withInit(pod("q", container("cpu", "1")), container("cpu", "2"), sidecar("cpu", "1"));
    assertThat(PodRequests.of(before).milliCpu()).isEqualTo(2000);
    // two sidecars: both stay; containers 1 + 1 + 1
    V1Pod two = withInit(pod("r", container("cpu", "1")), sidecar("cpu", "1"), sidecar("cpu", "1"));
    assertThat(PodRequests.of(two).milliCpu()).isEqualTo(3000);
  }

  @Test
  void overheadComesOnTop() {
    V1Pod p = withInit(pod("p", container("cpu", "1", "memory", "1Gi")), container("cpu", "2"));
    p.getSpec().setOverhead(resources("cpu", "250m", "memory", "120Mi"));
    assertThat(PodRequests.of(p)).isEqualTo(cpuMem(2250, (1L << 30) + 120L * 1024 * 1024));
  }

  @Test
  void extendedResourcesAreCountedAndInitContainersMaxThemToo() {
    V1Pod p = withInit(pod("p", container("example.com/aaa", "3"), container("example.com/aaa", "3")),
        container("example.com/aaa", "5"));
    assertThat(PodRequests.of(p).scalar("example.com/aaa")).isEqualTo(6);
  }

  @Test
  void podLevelRequestsReplaceTheContainersTotal() {
    V1Pod p = pod("p", container("cpu", "1", "memory", "1Gi"), container("cpu", "1"));
    p.getSpec().setResources(new V1ResourceRequirements().requests(resources("cpu", "3")));
    assertThat(PodRequests.of(p)).isEqualTo(cpuMem(3000, 1L << 30));
  }

  @Test
  void nonZeroCountsDefaultsForUnsetCpuAndMemory() {
    long mi = 1024 * 1024;
    assertThat(PodRequests.nonZero(pod("empty", container()))).isEqualTo(cpuMem(100, 200 * mi));
    assertThat(PodRequests.nonZero(pod("two", container(), container()))).isEqualTo(cpuMem(200, 400 * mi));
    assertThat(PodRequests.nonZero(pod("cpu", container("cpu", "1")))).isEqualTo(cpuMem(1000, 200 * mi));
    // an explicit zero is a request: no default
    assertThat(PodRequests.nonZero(pod("zero", container("cpu", "0", "memory", "0")))).isEqualTo(cpuMem(0, 0));
    // plain requests are not defaulted
    assertThat(PodRequests.of(pod("empty", container()))).isEqualTo(Resource.EMPTY);
  }
}
