package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When a scenario's line may be printed: once the scheduler has reported (by its Scheduled event,
 * written after its "bound to" line) every binding the watch has seen, bar the scenario's own.
 */
class PodTrackerTest {
  private final Map<String, String> uids = new LinkedHashMap<>(Map.of("pod1", "u1", "pod2", "u2", "pod3", "u3"));

  @Test
  void aBindingTheWatchSawBeforeItsScheduledEventHoldsTheLineBack() {
    assertThat(PodTracker.unreported(uids, Set.of("u1", "u2"), Set.of("u1"), Set.of())).containsExactly("pod2");
    assertThat(PodTracker.unreported(uids, Set.of("u1", "u2"), Set.of("u1", "u2"), Set.of())).isEmpty();
  }

  @Test
  void podsNotBoundOrBoundByTheScenarioItselfDoNot() {
    assertThat(PodTracker.unreported(uids, Set.of(), Set.of(), Set.of())).isEmpty();
    assertThat(PodTracker.unreported(uids, Set.of("u3"), Set.of(), Set.of("pod3"))).isEmpty();
  }

  @Test
  void anEventOfAnEarlierPodOfTheSameNameDoesNotCount() {
    uids.put("pod1", "u1-again"); // deleted and created again: another uid
    assertThat(PodTracker.unreported(uids, Set.of("u1-again"), Set.of("u1"), Set.of())).containsExactly("pod1");
  }
}
