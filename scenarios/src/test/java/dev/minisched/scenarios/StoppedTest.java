package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoppedTest {
  @Test
  void readsAsOneLineInTheOrderOfTheSteps() {
    Stopped all = Stopped.NOTHING
        .and(Stopped.stopped("scheduler minisched"))
        .and(Stopped.NOTHING)
        .and(new Stopped(List.of("kube-apiserver", "etcd"), List.of("2 containers", "their network", "/tmp/x")));
    assertThat(all).hasToString(
        "stopped: scheduler minisched, kube-apiserver, etcd; removed: 2 containers, their network, /tmp/x");
  }

  @Test
  void leavesOutWhatIsEmpty() {
    assertThat(Stopped.removed("namespace minisched-1")).hasToString("removed: namespace minisched-1");
    assertThat(Stopped.stopped("scheduler minisched")).hasToString("stopped: scheduler minisched");
    assertThat(Stopped.NOTHING.isEmpty()).isTrue();
  }
}
