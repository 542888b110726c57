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
import java.util.concurrent.atomic.AtomicReference;

/**
 * A baseline: no scheduler at all. It binds measured pod i to node (i mod N), from
 * {@code workers} threads each with one request in flight, as fast as the API server accepts: the
 * ceiling any scheduler on this control plane can reach. With {@code events}, each binding is
 * followed by the Event a scheduler writes for it (reason Scheduled, "Successfully assigned
 * NS/POD to NODE"): the ceiling for a scheduler that writes events, as both minisched and
 * kube-scheduler do — twice the writes per pod.
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

  @Override
  public String name() {
    return events ? "raw binding + Scheduled event" : "raw binding";
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
    // One thread drives the workers, so that start returns at once, as a scheduler's does.
    Thread driver = new Thread(() -> {
      try {
        Parallel.forEachIndex(pool, workers, pods.size(), i -> bind(api, pods.get(i), workload.nodeName(i % workload.nodes())));
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
        try {
          driver.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  private void bind(CoreV1Api api, String pod, String node) {
    String namespace = Workload.NAMESPACE;
    try {
      Bindings.bind(api, namespace, pod, node);
      if (events) {
        OffsetDateTime now = OffsetDateTime.now();
        api.createNamespacedEvent(namespace, new CoreV1Event()
            .metadata(new V1ObjectMeta().generateName(pod + ".").namespace(namespace))
            .involvedObject(new V1ObjectReference().kind("Pod").apiVersion("v1").namespace(namespace).name(pod))
            .reason("Scheduled").type("Normal")
            .message("Successfully assigned " + namespace + "/" + pod + " to " + node)
            .source(new V1EventSource().component("raw-binder"))
            .firstTimestamp(now).lastTimestamp(now).count(1)).execute();
      }
    } catch (ApiException e) {
      throw ApiErrors.refused("bind " + pod, e);
    }
  }
}
