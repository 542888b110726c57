package dev.minisched.framework;

import static dev.minisched.framework.Fixtures.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceTest {
  @Test
  void readsAResourceListAsTheSchedulerCountsIt() {
    Resource r = Resource.fromList(resources("cpu", "1500m", "memory", "1Gi", "ephemeral-storage", "10G",
        "pods", "110", "example.com/gpu", "2", "hugepages-2Mi", "4Mi", "something-unknown", "7"));
    assertThat(r.milliCpu()).isEqualTo(1500);
    assertThat(r.memory()).isEqualTo(1L << 30);
    assertThat(r.ephemeralStorage()).isEqualTo(10_000_000_000L);
    assertThat(r.allowedPodNumber()).isEqualTo(110);
    assertThat(r.scalarResources()).isEqualTo(Map.of("example.com/gpu", 2L, "hugepages-2Mi", 4L << 20));
    assertThat(r.get("cpu")).isEqualTo(1500);
    assertThat(r.get("pods")).isEqualTo(110);
    assertThat(r.get("example.com/gpu")).isEqualTo(2);
    assertThat(r.scalar("example.com/none")).isZero();
  }

  @Test
  void roundsUpAsQuantityMilliValueAndValueDo() {
    assertThat(Resource.fromList(resources("cpu", "0.0001")).milliCpu()).isEqualTo(1);
    assertThat(Resource.fromList(resources("memory", "1.5")).memory()).isEqualTo(2);
  }

  @Test
  void addsAndSubtractsAndDropsScalarsThatComeToZero() {
    Resource a = new Resource(100, 200, 0, 0, Map.of("example.com/gpu", 1L));
    Resource b = new Resource(50, 20, 5, 0, Map.of("example.com/gpu", 1L, "example.com/fpga", 2L));
    assertThat(a.plus(b)).isEqualTo(new Resource(150, 220, 5, 0, Map.of("example.com/gpu", 2L, "example.com/fpga", 2L)));
    assertThat(a.plus(b).minus(b)).isEqualTo(a);
    assertThat(a.minus(a)).isEqualTo(Resource.EMPTY);
    assertThat(a.max(b)).isEqualTo(new Resource(100, 200, 5, 0, Map.of("example.com/gpu", 1L, "example.com/fpga", 2L)));
  }

  @Test
  void scalarResourceNamesAsUpstream() {
    assertThat(Resource.isScalarResourceName("example.com/aaa")).isTrue();
    assertThat(Resource.isScalarResourceName("kubernetes.io/something")).isTrue();
    assertThat(Resource.isScalarResourceName("hugepages-1Gi")).isTrue();
    assertThat(Resource.isScalarResourceName("attachable-volumes-aws-ebs")).isTrue();
    assertThat(Resource.isScalarResourceName("requests.example.com/aaa")).isFalse();
    assertThat(Resource.isScalarResourceName("nonsense")).isFalse();
  }
}
