package dev.minisched.scenarios;

import io.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.kubernetes.client.extended.leaderelection.LeaderElector;
import io.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a stage's scheduler only while this instance holds a Lease, as kube-scheduler does with
 * {@code --leader-elect}: several instances may run, exactly one schedules, and when it dies
 * another takes over once the lease expires. The election is client-java-extended's
 * {@link LeaderElector} on a {@code coordination.k8s.io} Lease in kube-system named after the
 * scheduler.
 *
 * <p>Like upstream, an instance that loses the lease stops scheduling for good (upstream exits);
 * it does not campaign again. Nor does one whose scheduler failed to start: it gives the lease
 * up at once, so that another instance leads instead of nobody (upstream exits, and releases
 * the lease on the way out with {@code ReleaseOnCancel}).
 *
 * <p>Two rules keep two instances from ever scheduling at once:
 * <ul>
 *   <li>a scheduler that finished starting after the lease was lost (or after close) is stopped
 *       at once instead of being kept: starting takes a while (the caches sync), and the lease
 *       can be lost meanwhile;</li>
 *   <li>{@link #close()} stops the scheduler <em>before</em> it gives the lease up, so the next
 *       leader cannot start while this one still binds.</li>
 * </ul>
 *
 * <p>Threads: the elector runs on "leader-election"; the stage's scheduler is started on the
 * elector's hook thread and stopped on whichever thread loses the lease or closes; {@code this}
 * guards {@code scheduler}, {@code done} and {@code closed}; {@code releasing} guards giving the
 * lease up, which happens once.
 */
public final class LeaderElectedScheduler implements RunningScheduler {

  /** Upstream's defaults: --leader-elect-lease-duration=15s, renew-deadline=10s, retry-period=2s. */
  public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    public static final Timing UPSTREAM =
        new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  private final LeaderElector elector;
  private final Thread electionThread;
  private final String identity;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private RunningScheduler scheduler;
  private boolean done; // closed, or the lease was lost: never schedule again
  private boolean closed;
  private final Object releasing = new Object();
  private boolean released; // guarded by releasing

  private LeaderElectedScheduler(SchedulerFactory factory, ApiClient client, String schedulerName,
      String identity, Timing timing) {
    this.identity = identity;
    LeaseLock lock = new LeaseLock("kube-system", schedulerName, identity, client);
    // The elector's own log is off (simplelogger.properties: it reports its own shutdown as an
    // error); a failed attempt to read or write the Lease is reported here, in one line.
    this.elector = new LeaderElector(new LeaderElectionConfig(
        lock, timing.leaseDuration(), timing.renewDeadline(), timing.retryPeriod()),
        e -> System.err.printf("[minisched] %s: leader election: %s%n", identity, e));
    this.electionThread = new Thread(() -> {
      try {
        elector.run(() -> startLeading(factory, client, schedulerName), this::stopLeading);
      } finally {
        stopped.countDown();
      }
    }, "leader-election");
    electionThread.setDaemon(true);
  }

  /** A factory whose schedulers campaign for the lease first. */
  public static SchedulerFactory around(SchedulerFactory factory, String identity, Timing timing) {
    return (client, schedulerName) -> {
      LeaderElectedScheduler elected =
          new LeaderElectedScheduler(factory, client, schedulerName, identity, timing);
      elected.electionThread.start();
      return elected;
    };
  }

  /** An identity that tells instances apart in the Lease's holderIdentity. */
  public static String newIdentity() {
    return ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public String identity() {
    return identity;
  }

  /** True while this instance holds the lease and its scheduler runs. */
  public synchronized boolean isLeading() {
    return scheduler != null;
  }

  private void startLeading(SchedulerFactory factory, ApiClient client, String schedulerName) {
    synchronized (this) {
      if (done) {
        return;
      }
    }
    System.out.printf("[minisched] %s became leader; scheduling%n", identity);
    try {
      RunningScheduler started = factory.start(client, schedulerName);
      synchronized (this) {
        if (!done) {
          scheduler = started;
          return;
        }
      }
      started.close(); // the lease was lost, or we were closed, while the scheduler started
    } catch (Exception e) {
      synchronized (this) {
        done = true;
      }
      System.err.printf("[minisched] %s holds the lease but its scheduler failed to start (%s); "
          + "it gives the lease up so that another instance can schedule%n", identity, e);
      // Not on this thread: the elector's close waits for its hook thread to end, and this is it.
      Thread release = new Thread(this::releaseLease, "leader-election-release");
      release.setDaemon(true);
      release.start();
    }
  }

  /**
   * Stops the elector, which writes an empty holder into the Lease if this instance holds it.
   * Once only: giving the lease up again could clear the next leader's hold on it.
   */
  private void releaseLease() {
    synchronized (releasing) {
      if (released) {
        return;
      }
      released = true;
      elector.close();
    }
  }

  private void stopLeading() {
    RunningScheduler toStop;
    boolean closing;
    synchronized (this) {
      done = true;
      closing = closed;
      toStop = scheduler;
      scheduler = null;
    }
    if (toStop != null) {
      System.out.printf("[minisched] %s %s; stopped scheduling%n", identity, closing ? "steps down" : "lost the lease");
      toStop.close();
    }
  }

  /**
   * Stops scheduling while still holding the lease, then gives the lease up (the elector writes
   * an empty holder), so another instance takes over at once instead of after the lease
   * expires.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stopLeading();
    releaseLease();
    electionThread.interrupt();
    try {
      stopped.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
