package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.minisched.framework.ActionType;
import dev.minisched.framework.ClusterEvent;
import dev.minisched.framework.EventResource;
import dev.minisched.framework.QueueingHint;
import dev.minisched.framework.QueueingHintFn;
import dev.minisched.framework.QueueingHintFunction;
import dev.minisched.framework.Framework;
import dev.minisched.framework.QueuedPodInfo;
import dev.minisched.plugins.PrioritySort;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The queue on a clock that only the test moves: every flush is called by hand. */
class SchedulingQueueTest {
  private static final Set<String> REJECTED = Set.of("NodeUnschedulable");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** NodeUnschedulable as registered; "Fit" waits for room on a node. */
  /** On the legacy path, without hints: the event alone decides. */
  private static final Map<ClusterEvent, List<QueueingHintFunction>> EVENTS = Map.of(
      new ClusterEvent(EventResource.NODE, ActionType.ADD.or(ActionType.UPDATE_NODE_TAINT)),
      List.of(new QueueingHintFunction("NodeUnschedulable", null)),
      new ClusterEvent(EventResource.ASSIGNED_POD, ActionType.DELETE), List.of(new QueueingHintFunction("Fit", null)));

  private final TestClock clock = new TestClock();
  private final SchedulingQueue queue = new SchedulingQueue(byPriority(), clock, TIMEOUT, EVENTS);

  static V1Pod pod(String name, String version) {
    return pod(name, version, name + "-uid");
  }

  static V1Pod pod(String name, String version, String uid) {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name(name).uid(uid).resourceVersion(version))
        .spec(new V1PodSpec());
  }

  static V1Pod pod(String name, int priority) {
    V1Pod pod = pod(name, "1");
    pod.getSpec().setPriority(priority);
    return pod;
  }

  /** The order the scheduler gives its queue: PrioritySort's, through the framework. */
  static Comparator<QueuedPodInfo> byPriority() {
    return new Framework(List.of(handle -> new PrioritySort()), Map.of())
        .queueSortFunc();
  }

  static String key(String name) {
    return "default/" + name;
  }

  private boolean matches(QueuedPodInfo podInfo, ClusterEvent event) {
    return queue.isPodWorthRequeuing(podInfo, event, null, null) == QueueingHint.QUEUE;
  }

  private String popName() throws InterruptedException {
    return queue.pop().pod().getMetadata().getName();
  }

  /** Adds the pod, pops it and fails it {@code times} times, ending where the last failure puts it. */
  private QueuedPodInfo failRepeatedly(V1Pod pod, int times, Set<String> plugins) throws InterruptedException {
    queue.add(pod);
    QueuedPodInfo podInfo = null;
    for (int i = 0; i < times; i++) {
      if (i > 0) {
        clock.advance(SchedulingQueue.MAX_BACKOFF);
        queue.flushBackoffQCompleted();
        queue.flushUnschedulablePodsLeftover();
      }
      podInfo = queue.pop();
      queue.addUnschedulableIfNotPresent(podInfo, plugins);
    }
    return podInfo;
  }

  @Test
  void popsInArrivalOrder() throws Exception {
    queue.add(pod("a", "1"));
    clock.advance(Duration.ofMillis(1));
    queue.add(pod("b", "1"));
    queue.add(pod("c", "1"));
    assertThat(popName()).isEqualTo("a");
    assertThat(popName()).isEqualTo("b");
    assertThat(popName()).isEqualTo("c");
  }

  @Test
  void popsTheHighestPriorityFirstWhateverItsArrival() throws Exception {
    for (int i = 1; i <= 5; i++) {
      queue.add(pod("low" + i, 0));
      clock.advance(Duration.ofMillis(1));
    }
    queue.add(pod("mid", 100));
    queue.add(pod("high", 1000));
    assertThat(popName()).isEqualTo("high");
    assertThat(popName()).isEqualTo("mid");
    assertThat(popName()).isEqualTo("low1");
  }

  @Test
  void podsOfEqualPriorityKeepFirstInFirstOut() throws Exception {
    // Many pods at one instant: the heap alone would not keep their order.
    IntStream.range(0, 50).forEach(i -> queue.add(pod("p" + i, 7)));
    queue.add(pod("zero", 0));
    for (int i = 0; i < 50; i++) {
      assertThat(popName()).isEqualTo("p" + i);
    }
    assertThat(popName()).isEqualTo("zero");
  }

  @Test
  void aPodWithoutPriorityCountsAsZero() throws Exception {
    queue.add(pod("none", "1"));
    queue.add(pod("negative", -5));
    queue.add(pod("positive", 5));
    assertThat(popName()).isEqualTo("positive");
    assertThat(popName()).isEqualTo("none");
    assertThat(popName()).isEqualTo("negative");
  }

  @Test
  void anUpdateInActiveQKeepsThePodsPlace() throws Exception {
    queue.add(pod("a", 1));
    queue.add(pod("b", 1));
    queue.add(pod("c", 1));
    V1Pod newerA = pod("a", 1);
    newerA.getMetadata().setResourceVersion("2");
    queue.update(pod("a", 1), newerA);
    assertThat(queue.pop().pod().getMetadata().getResourceVersion()).isEqualTo("2");
    assertThat(popName()).isEqualTo("b");
    assertThat(popName()).isEqualTo("c");
  }

  @Test
  void aRetriedHighPriorityPodGoesBeforeLowPodsThatWaitedLonger() throws Exception {
    queue.add(pod("high", 1000));
    QueuedPodInfo high = queue.pop();
    queue.addUnschedulableIfNotPresent(high, Set.of());
    queue.add(pod("low", 0));
    clock.advance(SchedulingQueue.INITIAL_BACKOFF);
    queue.flushBackoffQCompleted();
    assertThat(popName()).isEqualTo("high");
  }

  @Test
  void aRetriedPodKeepsTheTimeOfItsFailureInActiveQ() throws Exception {
    queue.add(pod("old", "1"));
    queue.addUnschedulableIfNotPresent(queue.pop(), Set.of());
    clock.advance(Duration.ofMillis(500));
    queue.add(pod("new", "1"));
    clock.advance(Duration.ofMillis(500));
    queue.flushBackoffQCompleted();
    assertThat(popName()).isEqualTo("old");
    assertThat(popName()).isEqualTo("new");
  }

  @Test
  void popCountsAttemptsAndMarksThePodInFlight() throws Exception {
    queue.add(pod("a", "1"));
    QueuedPodInfo first = queue.pop();
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(queue.whereIs(key("a"))).isEqualTo("in flight");
    assertThat(queue.size()).isZero();
    queue.addUnschedulableIfNotPresent(first, Set.of());
    clock.advance(Duration.ofSeconds(1));
    queue.flushBackoffQCompleted();
    assertThat(queue.pop().attempts()).isEqualTo(2);
  }

  @Test
  void doneEndsInFlight() throws Exception {
    queue.add(pod("a", "1"));
    queue.done(queue.pop().pod());
    assertThat(queue.whereIs(key("a"))).isNull();
  }

  @Test
  void backoffDoublesFromOneSecondUpToTen() {
    assertThat(IntStream.rangeClosed(1, 6)
        .mapToObj(SchedulingQueue::backoffDuration).map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 10L, 10L);
  }

  @Test
  void aPodThatFailedWithAnErrorWaitsOutItsBackoffInBackoffQ() throws Exception {
    failRepeatedly(pod("a", "1"), 2, Set.of());
    assertThat(queue.whereIs(key("a"))).isEqualTo("backoffQ");
    clock.advance(Duration.ofMillis(1999));
    queue.flushBackoffQCompleted();
    assertThat(queue.whereIs(key("a"))).isEqualTo("backoffQ");
    clock.advance(Duration.ofMillis(1));
    queue.flushBackoffQCompleted();
    assertThat(queue.whereIs(key("a"))).isEqualTo("activeQ");
  }

  @Test
  void backoffQIsOrderedByWhenBackoffEnds() throws Exception {
    failRepeatedly(pod("long", "1"), 3, Set.of());  // 4 s from now
    clock.advance(Duration.ofSeconds(1));
    failRepeatedly(pod("short", "1"), 1, Set.of()); // 1 s from now
    clock.advance(Duration.ofSeconds(1));
    queue.flushBackoffQCompleted();
    assertThat(queue.whereIs(key("short"))).isEqualTo("activeQ");
    assertThat(queue.whereIs(key("long"))).isEqualTo("backoffQ");
  }

  @Test
  void aRejectedPodStaysUnschedulableUntilTheTimeoutFlush() throws Exception {
    QueuedPodInfo failed = failRepeatedly(pod("a", "1"), 1, REJECTED);
    assertThat(queue.whereIs(key("a"))).isEqualTo("unschedulablePods");
    assertThat(queue.get(key("a")).orElseThrow().unschedulablePlugins()).isEqualTo(REJECTED);
    assertThat(failed.unschedulablePlugins()).as("the popped entry is not changed").isEmpty();

    clock.advance(TIMEOUT);
    queue.flushBackoffQCompleted();
    queue.flushUnschedulablePodsLeftover();
    assertThat(queue.whereIs(key("a"))).isEqualTo("unschedulablePods");

    clock.advance(Duration.ofMillis(1));
    queue.flushUnschedulablePodsLeftover();
    assertThat(queue.whereIs(key("a"))).isEqualTo("activeQ");
  }

  @Test
  void theTimeoutFlushSendsAPodStillBackingOffToBackoffQ() throws Exception {
    SchedulingQueue quick = new SchedulingQueue(byPriority(), clock, Duration.ofMillis(500), EVENTS);
    quick.add(pod("a", "1"));
    quick.addUnschedulableIfNotPresent(quick.pop(), REJECTED);
    clock.advance(Duration.ofMillis(600));
    quick.flushUnschedulablePodsLeftover();
    assertThat(quick.whereIs(key("a"))).isEqualTo("backoffQ");
    clock.advance(Duration.ofMillis(400));
    quick.flushBackoffQCompleted();
    assertThat(quick.whereIs(key("a"))).isEqualTo("activeQ");
  }

  @Test
  void aPodRejectedWhileOthersWereMovedGoesToBackoffQ() throws Exception {
    failRepeatedly(pod("parked", "1"), 1, REJECTED);
    queue.add(pod("flying", "1"));
    QueuedPodInfo flying = queue.pop();
    clock.advance(TIMEOUT.plusSeconds(1));
    queue.flushUnschedulablePodsLeftover(); // a move request while "flying" is in flight
    queue.addUnschedulableIfNotPresent(flying, REJECTED);
    assertThat(queue.whereIs(key("flying"))).isEqualTo("backoffQ");

    QueuedPodInfo later = queue.pop(); // "parked", popped after the move request
    queue.addUnschedulableIfNotPresent(later, REJECTED);
    assertThat(queue.whereIs(key("parked"))).isEqualTo("unschedulablePods");
  }

  @Test
  void aPodMatchesTheEventsThatItsRejectingPluginsRegistered() {
    QueuedPodInfo rejected = QueuedPodInfo.of(key("a"), pod("a", "1"), clock.instant()).failed(clock.instant(), REJECTED);
    assertThat(matches(rejected, ClusterEvent.NODE_ADD)).isTrue();
    assertThat(matches(rejected, ClusterEvent.NODE_SPEC_UNSCHEDULABLE_CHANGE)).isTrue();
    assertThat(matches(rejected, ClusterEvent.NODE_LABEL_CHANGE)).isFalse();
    assertThat(matches(rejected, ClusterEvent.ASSIGNED_POD_DELETE)).as("registered by another plugin")
        .isFalse();
  }

  @Test
  void theWildcardMatchesEveryPod() {
    QueuedPodInfo byUnknown = QueuedPodInfo.of(key("a"), pod("a", "1"), clock.instant()).failed(clock.instant(), Set.of("Other"));
    assertThat(matches(byUnknown, ClusterEvent.NODE_ADD)).isFalse();
    assertThat(matches(byUnknown, ClusterEvent.WILDCARD)).isTrue();
    assertThat(matches(byUnknown, ClusterEvent.UNSCHEDULABLE_TIMEOUT)).isTrue();
  }

  @Test
  void aPodWithNoRejectingPluginsMatchesAnyEvent() {
    QueuedPodInfo unknown = QueuedPodInfo.of(key("a"), pod("a", "1"), clock.instant());
    assertThat(matches(unknown, ClusterEvent.NODE_LABEL_CHANGE)).isTrue();
  }

  @Test
  void anEventMovesOnlyThePodsItMayHelp() throws Exception {
    failRepeatedly(pod("cordoned", "1"), 1, REJECTED);
    failRepeatedly(pod("full", "1"), 1, Set.of("Fit"));
    clock.advance(Duration.ofSeconds(1));

    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_LABEL_CHANGE, null, null);
    assertThat(queue.whereIs(key("cordoned"))).isEqualTo("unschedulablePods");

    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD, null, null);
    assertThat(queue.whereIs(key("cordoned"))).isEqualTo("activeQ");
    assertThat(queue.whereIs(key("full"))).isEqualTo("unschedulablePods");

    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_DELETE, null, null);
    assertThat(queue.whereIs(key("full"))).isEqualTo("activeQ");
  }

  @Test
  void aMovedPodStillBackingOffWaitsInBackoffQ() throws Exception {
    failRepeatedly(pod("a", "1"), 1, REJECTED);
    clock.advance(Duration.ofMillis(300));
    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD, null, null);
    assertThat(queue.whereIs(key("a"))).isEqualTo("backoffQ");
  }

  @Test
  void aPodRejectedAfterAnEventForItsPluginsCameWhileItWasInFlightGoesToBackoffQ() throws Exception {
    queue.add(pod("a", "1"));
    QueuedPodInfo flying = queue.pop();
    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD, null, null); // nobody parked yet
    queue.addUnschedulableIfNotPresent(flying, REJECTED);
    assertThat(queue.whereIs(key("a"))).isEqualTo("backoffQ");
  }

  @Test
  void anInFlightEventThatItsPluginsDidNotRegisterLeavesThePodParked() throws Exception {
    queue.add(pod("a", "1"));
    QueuedPodInfo flying = queue.pop();
    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_LABEL_CHANGE, null, null);
    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_DELETE, null, null); // "Fit"'s, not ours
    queue.addUnschedulableIfNotPresent(flying, REJECTED);
    assertThat(queue.whereIs(key("a"))).isEqualTo("unschedulablePods");
  }

  @Test
  void anEventBeforeThePodWasPoppedIsNotReplayedAgainstIt() throws Exception {
    queue.add(pod("early", "1"));
    queue.add(pod("late", "1"));
    QueuedPodInfo early = queue.pop();
    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD, null, null); // during "early" only
    QueuedPodInfo late = queue.pop();
    queue.addUnschedulableIfNotPresent(late, REJECTED);
    assertThat(queue.whereIs(key("late"))).isEqualTo("unschedulablePods");
    queue.addUnschedulableIfNotPresent(early, REJECTED);
    assertThat(queue.whereIs(key("early"))).isEqualTo("backoffQ");
  }

  @Test
  void eventsAreNotRecordedWhenNothingIsInFlight() throws Exception {
    queue.add(pod("a", "1"));
    queue.done(queue.pop().pod());
    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD, null, null); // nothing in flight
    queue.add(pod("b", "1"));
    queue.addUnschedulableIfNotPresent(queue.pop(), REJECTED);
    assertThat(queue.whereIs(key("b"))).isEqualTo("unschedulablePods");
  }

  /**
   * A queue whose "Fit" hint queues a pod only on the deletion of a pod named "big", and whose
   * "Broken" hint throws.
   */
  private SchedulingQueue queueWithHints() {
    QueueingHintFn onlyBig = (pod, oldObj, newObj) ->
        "big".equals(((V1Pod) oldObj).getMetadata().getName()) ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    QueueingHintFn broken = (pod, oldObj, newObj) -> {
      throw new IllegalStateException("hint failed");
    };
    return new SchedulingQueue(byPriority(), clock, TIMEOUT, Map.of(
        ClusterEvent.ASSIGNED_POD_DELETE, List.of(new QueueingHintFunction("Fit", onlyBig)),
        ClusterEvent.NODE_ADD, List.of(new QueueingHintFunction("Broken", broken))));
  }

  @Test
  void aHintThatSaysQueueSkipLeavesAParkedPodParked() throws Exception {
    SchedulingQueue hinted = queueWithHints();
    hinted.add(pod("a", "1"));
    hinted.addUnschedulableIfNotPresent(hinted.pop(), Set.of("Fit"));
    clock.advance(SchedulingQueue.MAX_BACKOFF);

    hinted.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_DELETE, pod("small", "1"), null);
    assertThat(hinted.whereIs(key("a"))).isEqualTo("unschedulablePods");

    hinted.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_DELETE, pod("big", "1"), null);
    assertThat(hinted.whereIs(key("a"))).isEqualTo("activeQ");
  }

  @Test
  void aHintThatThrowsCountsAsQueue() throws Exception {
    SchedulingQueue hinted = queueWithHints();
    hinted.add(pod("a", "1"));
    hinted.addUnschedulableIfNotPresent(hinted.pop(), Set.of("Broken"));
    clock.advance(SchedulingQueue.MAX_BACKOFF);
    hinted.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD, null, null);
    assertThat(hinted.whereIs(key("a"))).isEqualTo("activeQ");
  }

  @Test
  void onlyTheHintsOfThePluginsThatRejectedThePodAreAsked() throws Exception {
    SchedulingQueue hinted = queueWithHints();
    hinted.add(pod("a", "1"));
    hinted.addUnschedulableIfNotPresent(hinted.pop(), Set.of("Fit"));
    clock.advance(SchedulingQueue.MAX_BACKOFF);
    hinted.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD, null, null); // "Broken"'s, which did not reject it
    assertThat(hinted.whereIs(key("a"))).isEqualTo("unschedulablePods");
  }

  @Test
  void anInFlightEventIsReplayedThroughTheHintsWhenTheCycleFails() throws Exception {
    SchedulingQueue hinted = queueWithHints();
    hinted.add(pod("skipped", "1"));
    QueuedPodInfo skipped = hinted.pop();
    hinted.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_DELETE, pod("small", "1"), null);
    hinted.addUnschedulableIfNotPresent(skipped, Set.of("Fit"));
    assertThat(hinted.whereIs(key("skipped"))).as("the hint said QueueSkip").isEqualTo("unschedulablePods");

    hinted.add(pod("queued", "1"));
    QueuedPodInfo queued = hinted.pop();
    hinted.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_DELETE, pod("big", "1"), null);
    assertThat(hinted.whereIs(key("skipped"))).as("parked, so moved at once").isEqualTo("backoffQ");
    hinted.addUnschedulableIfNotPresent(queued, Set.of("Fit"));
    assertThat(hinted.whereIs(key("queued"))).as("the hint said Queue").isEqualTo("backoffQ");
  }

  @Test
  void updateReplacesThePodInActiveQInPlace() throws Exception {
    queue.add(pod("a", "1"));
    queue.add(pod("b", "1"));
    queue.update(pod("a", "1"), pod("a", "2"));
    queue.update(pod("z", "1"), pod("z", "2"));
    assertThat(queue.size()).isEqualTo(2);
    V1Pod first = queue.pop().pod();
    assertThat(first.getMetadata().getName()).isEqualTo("a");
    assertThat(first.getMetadata().getResourceVersion()).isEqualTo("2");
  }

  @Test
  void updateReplacesThePodInBackoffQ() throws Exception {
    failRepeatedly(pod("a", "1"), 1, Set.of());
    queue.update(pod("a", "1"), pod("a", "2"));
    assertThat(queue.whereIs(key("a"))).isEqualTo("backoffQ");
    assertThat(queue.get(key("a")).orElseThrow().pod().getMetadata().getResourceVersion()).isEqualTo("2");
  }

  @Test
  void aStatusOnlyUpdateLeavesAnUnschedulablePodParked() throws Exception {
    failRepeatedly(pod("a", "1"), 1, REJECTED);
    queue.update(pod("a", "1"), pod("a", "2").status(new V1PodStatus().phase("Pending")));
    assertThat(queue.whereIs(key("a"))).isEqualTo("unschedulablePods");
    assertThat(queue.get(key("a")).orElseThrow().pod().getMetadata().getResourceVersion()).isEqualTo("2");
  }

  @Test
  void aSpecOrLabelUpdateMovesAnUnschedulablePod() throws Exception {
    failRepeatedly(pod("a", "1"), 1, REJECTED);
    V1Pod relabelled = pod("a", "2");
    relabelled.getMetadata().setLabels(Map.of("tier", "web"));
    queue.update(pod("a", "1"), relabelled);
    assertThat(queue.whereIs(key("a"))).as("still backing off").isEqualTo("backoffQ");

    failRepeatedly(pod("b", "1"), 1, REJECTED);
    clock.advance(Duration.ofSeconds(1));
    queue.update(pod("b", "1"), pod("b", "2").spec(new V1PodSpec().priority(5)));
    assertThat(queue.whereIs(key("b"))).isEqualTo("activeQ");
  }

  @Test
  void anUpdateOfAnInFlightPodDoesNotQueueItAgainButIsKept() throws Exception {
    queue.add(pod("a", "1"));
    QueuedPodInfo popped = queue.pop();
    queue.update(pod("a", "1"), pod("a", "2").spec(new V1PodSpec().priority(5)));
    queue.add(pod("a", "2"));
    assertThat(queue.whereIs(key("a"))).isEqualTo("in flight");
    assertThat(queue.size()).isZero();

    queue.addUnschedulableIfNotPresent(popped, REJECTED);
    assertThat(queue.get(key("a")).orElseThrow().pod().getMetadata().getResourceVersion()).isEqualTo("2");
  }

  @Test
  void anUpdateThatMayHelpAnInFlightPodSendsItToBackoffQWhenItsCycleFails() throws Exception {
    queue.add(pod("a", "1"));
    QueuedPodInfo popped = queue.pop();
    V1Pod labelled = pod("a", "2");
    labelled.getMetadata().putLabelsItem("zone", "b");
    queue.update(pod("a", "1"), labelled);
    queue.addUnschedulableIfNotPresent(popped, REJECTED); // the cycle judged the old version
    assertThat(queue.whereIs(key("a"))).isEqualTo("backoffQ");
  }

  @Test
  void theSchedulersOwnResultAnnotationsLeaveAnUnschedulablePodParked() throws Exception {
    failRepeatedly(pod("a", "1"), 1, REJECTED);
    V1Pod recorded = pod("a", "2");
    recorded.getMetadata().setAnnotations(Map.of(
        "scheduler-simulator/filter-result", "{\"node1\":{\"NodeResourcesFit\":\"Insufficient cpu\"}}",
        "kube-scheduler-simulator.sigs.k8s.io/result-history", "[]"));
    queue.update(pod("a", "1"), recorded);
    assertThat(queue.whereIs(key("a"))).isEqualTo("unschedulablePods");

    V1Pod annotated = pod("a", "3");
    annotated.getMetadata().setAnnotations(Map.of("team", "blue"));
    queue.update(recorded, annotated);
    assertThat(queue.whereIs(key("a"))).isEqualTo("backoffQ");
  }

  @Test
  void theQueueSaysWhereAFailedPodWent() throws Exception {
    queue.add(pod("a", "1"));
    assertThat(queue.addUnschedulableIfNotPresent(queue.pop(), REJECTED))
        .startsWith("unschedulablePods until an event its rejecting plugins registered for (attempt 1, rejected by ");
    queue.add(pod("b", "1"));
    assertThat(queue.addUnschedulableIfNotPresent(queue.pop(), Set.of()))
        .isEqualTo("backoffQ for 1 s (attempt 1, an error)");
  }

  @Test
  void aStatusUpdateOfAnInFlightPodLeavesItToBeParked() throws Exception {
    queue.add(pod("a", "1"));
    QueuedPodInfo popped = queue.pop();
    queue.update(pod("a", "1"), pod("a", "2").status(new V1PodStatus().phase("Pending")));
    queue.addUnschedulableIfNotPresent(popped, REJECTED);
    assertThat(queue.whereIs(key("a"))).isEqualTo("unschedulablePods");
  }

  @Test
  void aPodReCreatedUnderTheSameNameKeepsItsOwnCycle() throws Exception {
    queue.add(pod("a", "1", "old"));
    QueuedPodInfo old = queue.pop();
    queue.delete(old.pod()); // deleted while its binding cycle runs
    queue.add(pod("a", "2", "new"));
    QueuedPodInfo recreated = queue.pop();
    assertThat(recreated.pod().getMetadata().getUid()).isEqualTo("new");

    queue.done(old.pod()); // the old pod's cycle ends: its binding got 409, or it was found gone
    queue.addUnschedulableIfNotPresent(old, REJECTED);
    assertThat(queue.whereIs(key("a"))).as("the new pod, still in its own cycle").isEqualTo("in flight");
    assertThat(queue.size()).isZero();

    queue.addUnschedulableIfNotPresent(recreated, REJECTED);
    assertThat(queue.get(key("a")).orElseThrow().pod().getMetadata().getUid()).isEqualTo("new");
    assertThat(queue.whereIs(key("a"))).isEqualTo("unschedulablePods");
  }

  @Test
  void deleteRemovesThePodFromEverySubQueue() throws Exception {
    failRepeatedly(pod("backingOff", "1"), 1, Set.of());
    failRepeatedly(pod("parked", "1"), 1, REJECTED);
    queue.add(pod("active", "1"));
    for (String name : new String[] {"backingOff", "parked", "active"}) {
      queue.delete(pod(name, "1"));
      assertThat(queue.whereIs(key(name))).isNull();
    }
    assertThat(queue.size()).isZero();
  }

  @Test
  void aPodDeletedInFlightIsNotTakenBack() throws Exception {
    queue.add(pod("a", "1"));
    QueuedPodInfo popped = queue.pop();
    queue.delete(pod("a", "1"));
    queue.addUnschedulableIfNotPresent(popped, REJECTED);
    assertThat(queue.whereIs(key("a"))).isNull();
  }

  @Test
  void popBlocksUntilAPodArrives() {
    CompletableFuture<QueuedPodInfo> popped = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.pop();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> !popped.isDone());
    queue.add(pod("late", "1"));
    await().atMost(Duration.ofSeconds(5)).until(popped::isDone);
    assertThat(popped.join().pod().getMetadata().getName()).isEqualTo("late");
  }

  @Test
  void closeWakesAWaitingPopAndStopsTheFlushes() throws Exception {
    queue.run();
    CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
      try {
        queue.pop();
        return null;
      } catch (InterruptedException e) {
        return e;
      }
    });
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> !outcome.isDone());
    queue.close();
    await().atMost(Duration.ofSeconds(5)).until(outcome::isDone);
    assertThat(outcome.join()).isInstanceOf(InterruptedException.class);
    assertThatThrownBy(queue::pop).isInstanceOf(InterruptedException.class);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("minisched-queue-flush") && t.isAlive());
  }
}
