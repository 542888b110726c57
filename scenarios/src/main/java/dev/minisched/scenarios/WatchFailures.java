package dev.minisched.scenarios;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an informer's watch reports when it fails; pass {@link #failed} as the exception handler
 * of {@code SharedInformerFactory.sharedIndexInformerFor}. A watch that fails while its owner runs
 * is an ERROR: the informer lists and watches again, but its cache lagged. A watch cut off by its
 * owner's own stop is not: client-java's reflector reports it as a failure all the same ("Reflector
 * loop failed unexpectedly", {@code IllegalStateException: closed}, when the cut comes while the
 * watch is reading events), so the owner says here, before it stops its informers, that the stop
 * is its own.
 *
 * <p>Threads: the informers' reflector threads call {@link #failed}; the owner's stopping thread
 * calls {@link #stopping}.
 */
public final class WatchFailures {
  private static final Logger log = LoggerFactory.getLogger(WatchFailures.class);

  private volatile boolean stopping;

  /** From now on a failing watch is the stop's own doing. Call before stopping the informers. */
  public void stopping() {
    stopping = true;
  }

  /** The watch of {@code type} ended with {@code failure}; its informer will list and watch again. */
  public void failed(Class<?> type, Throwable failure) {
    if (stopping) {
      log.debug("the {} watch ended while stopping: {}", type.getSimpleName(), failure.toString());
    } else {
      log.error("the {} watch failed; listing and watching again", type.getSimpleName(), failure);
    }
  }
}
