package dev.minisched.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FitErrorTest {
  @Test
  void readsLikeUpstream() {
    Diagnosis diagnosis = new Diagnosis();
    for (int i = 0; i < 9; i++) {
      diagnosis.reject("node" + i, Status.unschedulableAndUnresolvable("node(s) were unschedulable").withPlugin("NodeUnschedulable"));
    }
    assertThat(FitError.message(10, diagnosis)).isEqualTo("0/10 nodes are available: 9 node(s) were unschedulable.");
  }

  @Test
  void countsEachReasonAndSortsThem() {
    Diagnosis diagnosis = new Diagnosis();
    diagnosis.reject("a", new Status(Code.UNSCHEDULABLE, List.of("node(s) were unschedulable"), "NodeUnschedulable"));
    diagnosis.reject("b", new Status(Code.UNSCHEDULABLE, List.of("node(s) were unschedulable"), "NodeUnschedulable"));
    diagnosis.reject("c", new Status(Code.UNSCHEDULABLE, List.of("node(s) had untolerated taint"), "TaintToleration"));
    assertThat(FitError.message(3, diagnosis))
        .isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint, 2 node(s) were unschedulable.");
    assertThat(diagnosis.unschedulablePlugins()).containsExactly("NodeUnschedulable", "TaintToleration");
  }
}
