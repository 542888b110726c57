package dev.minisched;

import static dev.minisched.framework.Fixtures.container;
import static dev.minisched.framework.Fixtures.node;
import static dev.minisched.framework.Fixtures.on;
import static dev.minisched.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.Resource;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache kept by the informer handlers, fed events as the informers would deliver them. */
class SchedulerCacheTest {
  private final SchedulerCache cache = new SchedulerCache();

  private NodeInfo info(String node) {
    return cache.nodeInfo(node).orElseThrow();
  }

  private static V1Pod cpuPod(String name, String cpu) {
    return pod(name, container("cpu", cpu));
  }

  @Test
  void aPendingPodDoesNotCountUntilItIsBound() {
    cache.addNode(node("n1", "cpu", "2"));
    V1Pod pending = cpuPod("a", "1");
    cache.addPod(pending);
    assertThat(info("n1").pods()).isEmpty();

    V1Pod bound = on(cpuPod("a", "1"), "n1");
    cache.updatePod(pending, bound);
    assertThat(info("n1").pods()).containsExactly(bound);
    assertThat(info("n1").requested().milliCpu()).isEqualTo(1000);
  }

  @Test
  void aDeletedPodLeavesItsNode() {
    cache.addNode(node("n1", "cpu", "2"));
    V1Pod a = on(cpuPod("a", "1"), "n1");
    V1Pod b = on(cpuPod("b", "500m"), "n1");
    cache.addPod(a);
    cache.addPod(b);
    cache.removePod(a);
    assertThat(info("n1").pods()).containsExactly(b);
    assertThat(info("n1").requested().milliCpu()).isEqualTo(500);
  }

  @Test
  void aPodThatTerminatesLeavesItsNodesRequests() {
    cache.addNode(node("n1", "cpu", "2"));
    V1Pod running = on(cpuPod("a", "1"), "n1");
    cache.addPod(running);
    for (String phase : List.of("Succeeded", "Failed")) {
      V1Pod done = on(cpuPod("a", "1"), "n1").status(new V1PodStatus().phase(phase));
      cache.updatePod(running, done);
      assertThat(info("n1").pods()).as(phase).isEmpty();
      assertThat(info("n1").requested()).as(phase).isEqualTo(Resource.EMPTY);
      cache.updatePod(done, running);
    }
    // a terminal pod that the informer lists at start is never counted
    cache.addPod(on(cpuPod("old", "1"), "n1").status(new V1PodStatus().phase("Succeeded")));
    assertThat(info("n1").pods()).containsExactly(running);
  }

  @Test
  void aPodBeingDeletedStillTakesRoom() {
    cache.addNode(node("n1", "cpu", "2"));
    V1Pod a = on(cpuPod("a", "1"), "n1");
    cache.addPod(a);
    V1Pod terminating = on(cpuPod("a", "1"), "n1");
    terminating.getMetadata().setDeletionTimestamp(OffsetDateTime.now());
    cache.updatePod(a, terminating);
    assertThat(info("n1").requested().milliCpu()).isEqualTo(1000);
  }

  @Test
  void aPodMayArriveBeforeItsNode() {
    V1Pod early = on(cpuPod("a", "1"), "n1");
    cache.addPod(early);
    assertThat(cache.snapshot()).isEmpty(); // no node yet: nothing to schedule onto
    cache.addNode(node("n1", "cpu", "2"));
    assertThat(cache.snapshot()).singleElement().satisfies(n -> {
      assertThat(n.name()).isEqualTo("n1");
      assertThat(n.pods()).containsExactly(early);
      assertThat(n.allocatable().milliCpu()).isEqualTo(2000);
    });
  }

  @Test
  void aDeletedNodeLeavesTheSnapshotAndItsPodsStayUntilTheyGo() {
    cache.addNode(node("n1", "cpu", "2"));
    cache.addNode(node("n2", "cpu", "2"));
    V1Pod a = on(cpuPod("a", "1"), "n1");
    cache.addPod(a);
    cache.removeNode(node("n1"));
    assertThat(cache.snapshot()).extracting(NodeInfo::name).containsExactly("n2");
    assertThat(info("n1").pods()).containsExactly(a);
    cache.removePod(a);
    assertThat(cache.nodeInfo("n1")).isEmpty();
    cache.removeNode(node("n2"));
    assertThat(cache.nodeInfo("n2")).isEmpty();
  }

  @Test
  void aNodeUpdateKeepsThePodsAndReadsTheNewAllocatable() {
    cache.addNode(node("n1", "cpu", "2"));
    cache.addPod(on(cpuPod("a", "1"), "n1"));
    cache.updateNode(node("n1", "cpu", "2"), node("n1", "cpu", "4"));
    assertThat(info("n1").allocatable().milliCpu()).isEqualTo(4000);
    assertThat(info("n1").requested().milliCpu()).isEqualTo(1000);
  }

  @Test
  void aSnapshotDoesNotChangeWhenTheCacheDoes() {
    cache.addNode(node("n1", "cpu", "2"));
    List<NodeInfo> before = cache.snapshot();
    cache.addPod(on(cpuPod("a", "1"), "n1"));
    assertThat(before.get(0).pods()).isEmpty();
    assertThat(cache.snapshot().get(0).pods()).hasSize(1);
  }

  @Test
  void aPodBoundByThisSchedulerCountsAtOnceAndOnlyOnce() {
    cache.addNode(node("n1", "cpu", "2"));
    V1Pod pending = cpuPod("a", "1");
    cache.addBoundPod(pending, "n1");
    assertThat(info("n1").requested().milliCpu()).isEqualTo(1000);
    // then the informer reports the binding: the same pod, not a second one
    V1Pod bound = on(cpuPod("a", "1"), "n1");
    cache.updatePod(pending, bound);
    assertThat(info("n1").pods()).containsExactly(bound);
    // the informer was first: the late report of our own binding changes nothing
    cache.addBoundPod(pending, "n1");
    assertThat(info("n1").pods()).containsExactly(bound);
  }

  @Test
  void anUpdateOfThePendingPodDoesNotUndoOurBinding() {
    cache.addNode(node("n1", "cpu", "2"));
    V1Pod pending = cpuPod("a", "1");
    cache.addBoundPod(pending, "n1");
    V1Pod relabelled = cpuPod("a", "1");
    relabelled.getMetadata().putLabelsItem("app", "x");
    cache.updatePod(pending, relabelled); // an older event, still on its way when we bound it
    assertThat(info("n1").requested().milliCpu()).isEqualTo(1000);
  }

  @Test
  void aPodDeletedBeforeItsBindingWasReportedIsNotCounted() {
    cache.addNode(node("n1", "cpu", "2"));
    V1Pod pending = cpuPod("a", "1");
    cache.removePod(pending); // deleted while the binding request was on its way
    cache.addBoundPod(pending, "n1");
    assertThat(info("n1").pods()).isEmpty();
  }

  @Test
  void podsOnOtherNodesDoNotMatter() {
    cache.addNode(node("n1", "cpu", "2"));
    cache.addNode(node("n2", "cpu", "2"));
    cache.addPod(on(cpuPod("a", "1"), "n2"));
    assertThat(info("n1").requested()).isEqualTo(Resource.EMPTY);
    assertThat(info("n2").requested().milliCpu()).isEqualTo(1000);
  }

  @Test
  void holdsWhatTheInformersListOnceTheHandlersDeliveredIt() {
    V1Pod running = on(cpuPod("a", "1"), "n1");
    V1Pod pending = cpuPod("b", "1");
    V1Pod finished = on(cpuPod("c", "1"), "n1").status(new V1PodStatus().phase("Succeeded"));
    List<V1Pod> pods = List.of(running, pending, finished);
    assertThat(cache.holds(List.of(node("n1")), pods)).isFalse();
    cache.addNode(node("n1"));
    assertThat(cache.holds(List.of(node("n1")), pods)).isFalse();
    cache.addPod(running);
    assertThat(cache.holds(List.of(node("n1")), pods)).isTrue(); // pending and finished pods never count
  }
}
