package dev.minisched.framework;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the framework offers its plugins, handed to each when it is created. Upstream's
 * {@code framework.Handle} offers much more (the cluster snapshot, a client, an event recorder);
 * minisched's plugins need only the pods that Permit holds.
 *
 * <p>Safe to call from any thread.
 */
public interface Handle {
  /** The waiting pod with this UID, if Permit holds it now. */
  Optional<WaitingPod> getWaitingPod(String podUid);

  void iterateOverWaitingPods(Consumer<WaitingPod> action);

  /** Rejects the waiting pod with this UID, if any; true if there was one to reject. */
  boolean rejectWaitingPod(String podUid, String reason);
}
