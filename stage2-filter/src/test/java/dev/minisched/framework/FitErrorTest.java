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

  @Test
  void mixedReasonsFromSeveralPluginsReadAsOneSentence() {
    Diagnosis diagnosis = new Diagnosis();
    for (int i = 0; i < 3; i++) {
      diagnosis.reject("cpu" + i, Status.unschedulable("Insufficient cpu").withPlugin("NodeResourcesFit"));
    }
    for (int i = 0; i < 2; i++) {
      diagnosis.reject("gpu" + i,
          Status.unschedulableAndUnresolvable("node(s) had untolerated taint(s)").withPlugin("TaintToleration"));
    }
    for (int i = 0; i < 5; i++) {
      diagnosis.reject("other" + i,
          Status.unschedulableAndUnresolvable("node(s) didn't match Pod's node affinity/selector").withPlugin("NodeAffinity"));
    }
    // sorted as upstream sorts them: as strings, count first
    assertThat(FitError.message(10, diagnosis)).isEqualTo("0/10 nodes are available: "
        + "2 node(s) had untolerated taint(s), 3 Insufficient cpu, "
        + "5 node(s) didn't match Pod's node affinity/selector.");
  }

  @Test
  void everyReasonOfANodeIsCounted() {
    Diagnosis diagnosis = new Diagnosis();
    diagnosis.reject("a", new Status(Code.UNSCHEDULABLE, List.of("Insufficient cpu", "Insufficient memory"), "NodeResourcesFit"));
    diagnosis.reject("b", new Status(Code.UNSCHEDULABLE, List.of("Insufficient memory"), "NodeResourcesFit"));
    diagnosis.reject("c", new Status(Code.UNSCHEDULABLE, List.of("Too many pods", "Insufficient cpu"), "NodeResourcesFit"));
    assertThat(FitError.message(4, diagnosis))
        .isEqualTo("0/4 nodes are available: 1 Too many pods, 2 Insufficient cpu, 2 Insufficient memory.");
  }
}
