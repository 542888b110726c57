package dev.minisched.plugins;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.Handle;
import dev.minisched.framework.PermitPlugin;
import dev.minisched.framework.PermitResult;
import dev.minisched.framework.ReservePlugin;
import dev.minisched.framework.Status;
import dev.minisched.framework.WaitingPod;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gang scheduling, simplified from scheduler-plugins' Coscheduling: the pods of a group are bound
 * all together or not at all. A pod joins a group with two labels: {@link #GROUP_LABEL} (the
 * group's name) and {@link #MIN_AVAILABLE_LABEL} (how many of its pods must have a place before
 * any is bound). No PodGroup object: the labels say it all.
 *
 * <p>Reserve counts the pod as one of its group's members with a place (it was just assumed on a
 * node). Permit lets the pod through once the group has its minimum — and lets every member
 * waiting for it through at the same moment; until then the pod waits, at most {@link #TIMEOUT}.
 * When a member fails (its wait timed out, its binding failed), its Unreserve takes it out of the
 * count and rejects the group's other waiting members: a group short of one pod would only hold
 * room that other pods could use. They go back — in stage 5 with a FailedScheduling event, from
 * stage 6 to the queue — and their room is freed.
 *
 * <p>Simplifications next to upstream: members stay counted once bound (as upstream's
 * assumed-or-bound count) and are not uncounted when deleted later; there is no PreFilter that
 * turns a group away early when it has too few pods, and no backoff for a group that failed.
 *
 * <p>Threads: Reserve and Permit run on the scheduling thread, Unreserve on it or on a binding
 * thread; {@code this} guards the counts. Waiting pods are allowed or rejected outside the lock.
 */
public final class Coscheduling implements ReservePlugin, PermitPlugin {
  public static final String NAME = "Coscheduling";
  public static final String GROUP_LABEL = "minisched.dev/pod-group";
  public static final String MIN_AVAILABLE_LABEL = "minisched.dev/pod-group-min-available";
  /**
   * How long a member waits for the rest of its group. Long enough for a group created together
   * to be scheduled pod by pod on a busy machine (a cycle takes milliseconds); short enough that
   * a group that cannot fit gives its room back soon. Upstream's default is 60 s.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Handle handle;
  // Guarded by this: group name to the UIDs of its members that have a place (reserved or bound).
  private final Map<String, Set<String>> placed = new HashMap<>();

  public Coscheduling(Handle handle) {
    this.handle = handle;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The pod's group name, if it carries the label. */
  static Optional<String> group(V1Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return Optional.ofNullable(labels == null ? null : labels.get(GROUP_LABEL)).filter(name -> !name.isEmpty());
  }

  /** The group's minimum, or empty if the label is missing or not a positive integer. */
  static Optional<Integer> minAvailable(V1Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    String value = labels == null ? null : labels.get(MIN_AVAILABLE_LABEL);
    try {
      int min = Integer.parseInt(value == null ? "" : value.trim());
      return min > 0 ? Optional.of(min) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String badLabel(V1Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    String value = labels == null ? null : labels.get(MIN_AVAILABLE_LABEL);
    return "label " + MIN_AVAILABLE_LABEL + " must be a positive integer, not "
        + (value == null ? "missing" : "'" + value + "'");
  }

  @Override
  public synchronized Status reserve(CycleState state, V1Pod pod, String nodeName) {
    group(pod).ifPresent(group -> placed.computeIfAbsent(group, g -> new HashSet<>()).add(pod.getMetadata().getUid()));
    return Status.SUCCESS;
  }

  @Override
  public PermitResult permit(CycleState state, V1Pod pod, String nodeName) {
    Optional<String> group = group(pod);
    if (group.isEmpty()) {
      return PermitResult.allow();
    }
    Optional<Integer> min = minAvailable(pod);
    if (min.isEmpty()) {
      return PermitResult.reject(badLabel(pod));
    }
    int count;
    synchronized (this) {
      count = placed.getOrDefault(group.get(), Set.of()).size();
    }
    if (count < min.get()) {
      return PermitResult.waitFor(TIMEOUT);
    }
    // The group is complete with this pod: the members that wait go too.
    for (WaitingPod waiting : members(group.get())) {
      waiting.allow(NAME);
    }
    return PermitResult.allow();
  }

  /**
   * Idempotent: the pod leaves the count (if it was in it), and the group's other waiting pods are
   * rejected, which calls their Unreserve in turn; those find nothing left to do.
   */
  @Override
  public void unreserve(CycleState state, V1Pod pod, String nodeName) {
    Optional<String> group = group(pod);
    if (group.isEmpty()) {
      return;
    }
    synchronized (this) {
      Set<String> members = placed.get(group.get());
      if (members != null) {
        members.remove(pod.getMetadata().getUid());
        if (members.isEmpty()) {
          placed.remove(group.get());
        }
      }
    }
    for (WaitingPod waiting : members(group.get())) {
      if (!waiting.pod().getMetadata().getUid().equals(pod.getMetadata().getUid())) {
        waiting.reject(NAME, "pod group " + group.get() + " was rejected: member "
            + pod.getMetadata().getName() + " could not be placed");
      }
    }
  }

  /** The group's pods that Permit holds now. */
  private List<WaitingPod> members(String group) {
    List<WaitingPod> members = new ArrayList<>();
    handle.iterateOverWaitingPods(waiting -> {
      if (group(waiting.pod()).filter(group::equals).isPresent()) {
        members.add(waiting);
      }
    });
    return members;
  }
}
