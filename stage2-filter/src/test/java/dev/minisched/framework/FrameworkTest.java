package dev.minisched.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameworkTest {
  private final List<String> calls = new ArrayList<>();

  private FilterPlugin filter(String name, Status result) {
    return new FilterPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
        calls.add(name);
        return result;
      }
    };
  }

  private static final NodeInfo NODE = new NodeInfo(new V1Node().metadata(new V1ObjectMeta().name("n")));

  @Test
  void runsFiltersInOrderAndStopsAtTheFirstRejection() {
    Framework framework = new Framework(List.of(
        filter("A", Status.SUCCESS), filter("B", Status.unschedulable("no")), filter("C", Status.SUCCESS)));
    Status status = framework.runFilterPlugins(new CycleState(), new V1Pod(), NODE);
    assertThat(calls).containsExactly("A", "B");
    assertThat(status.code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(status.plugin()).isEqualTo("B");
  }

  @Test
  void successWhenEveryFilterPasses() {
    Framework framework = new Framework(List.of(filter("A", Status.SUCCESS), filter("B", Status.SUCCESS)));
    assertThat(framework.runFilterPlugins(new CycleState(), new V1Pod(), NODE)).isEqualTo(Status.SUCCESS);
    assertThat(calls).containsExactly("A", "B");
  }

  @Test
  void cycleStateReadsBackWhatWasWrittenByType() {
    CycleState state = new CycleState();
    CycleState.Key<Integer> key = new CycleState.Key<>("digit", Integer.class);
    assertThat(state.read(key)).isEmpty();
    state.write(key, 7);
    assertThat(state.read(key)).contains(7);
  }

  @Test
  void recordsEachFiltersVerdictPerNodeUpToTheRejectionAsTheSimulatorWritesIt() {
    Framework framework = new Framework(List.of(
        filter("A", Status.SUCCESS), filter("B", Status.unschedulable("no room")), filter("C", Status.SUCCESS)));
    CycleState state = new CycleState(new CycleResult());
    framework.runFilterPlugins(state, new V1Pod(), NODE);

    assertThat(state.result().annotations()).containsExactly(
        Map.entry("scheduler-simulator/filter-result", "{\"n\":{\"A\":\"passed\",\"B\":\"no room\"}}"),
        Map.entry("scheduler-simulator/selected-node", ""));
    assertThat(new CycleState().result()).isSameAs(CycleResult.NONE);
  }
}
