package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.ApiErrors;
import dev.minisched.scenarios.Bindings;
import dev.minisched.scenarios.controlplane.ControlPlane;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A baseline: no scheduler at all. It binds measured pod i to node (i mod N), from
 * {@code workers} threads each with one request in flight, as fast as the API server accepts: the
 * ceiling any scheduler on this control plane can reach. With {@code events}, each binding is
 * followed by the Event a scheduler writes for it (reason Scheduled, "Successfully assigned
 * NS/POD to NODE"): the ceiling for a scheduler that writes events, as both minisched and
 * kube-scheduler do — twice the writes per pod. As a scheduler does, it writes the Events off the
 * binding path, from {@code workers} threads of their own, so that a binding does not wait for
 * its Event; but at most {@link #EVENT_BACKLOG_PER_WORKER} per worker may wait or be in flight, and
 * a binding worker waits for room when they fall behind. So the Events keep pace with the
 * bindings and their cost falls inside the measured span, as it must for any scheduler in the long
 * run; an unbounded queue would move them after the last binding and measure bindings alone.
 *
 * <p>It runs in the harness's JVM, so /proc cannot tell its CPU apart: the report shows none.
 *
 * <p>All workers share one client, so one connection: client-java speaks HTTP/2 to
 * kube-apiserver and multiplexes the requests over it. OkHttp's dispatcher limit (5 requests per
 * host) applies only to asynchronous calls; these are synchronous.
 *
 * @param workload names the pods and nodes
 * @param workers concurrent requests
 * @param events whether to write a Scheduled event after each binding
 */
record RawBinder(Workload workload, int workers, boolean events) implements Contender {
  /** Events waiting or in flight, per worker, before a binding worker waits for them. */
  static final int EVENT_BACKLOG_PER_WORKER = 2;

  @Override
  public String name() {
    return events ? "raw binding + Scheduled event" : "raw binding";
  }

  @Override
  public boolean writesEvents() {
    return events;
  }

  @Override
  public String schedulerName() {
    return "no-scheduler"; // nobody else takes these pods
  }

  @Override
  public Run start(ControlPlane controlPlane) {
    CoreV1Api api = new CoreV1Api(controlPlane.newClient());
    List<String> pods = workload.measuredNames();
    AtomicReference<Exception> failure = new AtomicReference<>();
    ExecutorService pool = Parallel.pool(workers, "raw-binder");
    ExecutorService eventPool = Parallel.pool(workers, "raw-binder-events");
    Semaphore eventRoom = new Semaphore(workers * EVENT_BACKLOG_PER_WORKER);
    // One thread drives the workers, so that start returns at once, as a scheduler's does.
    Thread driver = new Thread(() -> {
      try {
        Parallel.forEachIndex(pool, workers, pods.size(), i -> {
          String pod = pods.get(i);
          String node = workload.nodeName(i % workload.nodes());
          bind(api, pod, node);
          if (events) {
            writeEventOffThePath(api, pod, node, eventPool, eventRoom, failure);
          }
        });
      } catch (InterruptedException stopped) {
        // closed before it was done
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, "raw-binder");
    driver.start();
    return new Run() {
      @Override
      public void checkAlive() {
        if (failure.get() != null) {
          throw new IllegalStateException("the raw binder failed: " + failure.get().getMessage(), failure.get());
        }
      }

      @Override
      public void close() {
        driver.interrupt();
        pool.shutdownNow();
        eventPool.shutdownNow();
        try {
          driver.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  private static void bind(CoreV1Api api, String pod, String node) {
    try {
      Bindings.bind(api, Workload.NAMESPACE, pod, node);
    } catch (ApiException e) {
      throw ApiErrors.refused("bind " + pod, e);
    }
  }

  /** Hands the pod's Event to the event writers, after waiting for room in their backlog. */
  private static void writeEventOffThePath(CoreV1Api api, String pod, String node, ExecutorService eventPool,
      Semaphore eventRoom, AtomicReference<Exception> failure) {
    try {
      eventRoom.acquire();
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("stopped while waiting to write an event", stopped);
    }
    eventPool.execute(() -> {
      try {
        scheduledEvent(api, pod, node);
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      } finally {
        eventRoom.release();
      }
    });
  }

  private static void scheduledEvent(CoreV1Api api, String pod, String node) {
    String namespace = Workload.NAMESPACE;
    OffsetDateTime now = OffsetDateTime.now();
    try {
      api.createNamespacedEvent(namespace, new CoreV1Event()
          .metadata(new V1ObjectMeta().generateName(pod + ".").namespace(namespace))
          .involvedObject(new V1ObjectReference().kind("Pod").apiVersion("v1").namespace(namespace).name(pod))
          .reason("Scheduled").type("Normal")
          .message("Successfully assigned " + namespace + "/" + pod + " to " + node)
          .source(new V1EventSource().component("raw-binder"))
          .firstTimestamp(now).lastTimestamp(now).count(1)).execute();
    } catch (ApiException e) {
      throw ApiErrors.refused("write the Scheduled event of " + pod, e);
    }
  }
}
