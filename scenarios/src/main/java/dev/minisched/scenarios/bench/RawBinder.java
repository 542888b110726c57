package dev.minisched.scenarios.bench;

import dev.minisched.scenarios.ApiErrors;
import dev.minisched.scenarios.Bindings;
import dev.minisched.scenarios.controlplane.ControlPlane;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The baseline: no scheduler at all. It binds pod i to node (i mod N), from {@code workers}
 * threads each with one request in flight, as fast as the API server accepts: the ceiling any
 * scheduler on this control plane can reach.
 *
 * <p>All workers share one client, so one connection: client-java speaks HTTP/2 to
 * kube-apiserver and multiplexes the requests over it (the server allows 250 streams per
 * connection). OkHttp's dispatcher limit (5 requests per host) applies only to asynchronous
 * calls; these are synchronous.
 *
 * @param workload names the pods and nodes
 * @param workers concurrent binding requests
 */
record RawBinder(Workload workload, int workers) implements Contender {

  @Override
  public String name() {
    return "raw binding, " + workers + " workers";
  }

  @Override
  public String schedulerName() {
    return "no-scheduler"; // nobody else takes these pods
  }

  @Override
  public Run start(ControlPlane controlPlane) {
    JvmMeter meter = JvmMeter.begin();
    CoreV1Api api = new CoreV1Api(controlPlane.newClient());
    AtomicReference<Exception> failure = new AtomicReference<>();
    // The workers' pool lives until close, so that the meter can still read their CPU time.
    ExecutorService pool = Parallel.pool(workers, "raw-binder");
    // One thread drives the workers, so that start returns at once, as a scheduler's does.
    Thread driver = new Thread(() -> {
      try {
        Parallel.forEachIndex(pool, workers, workload.pods(), i -> bind(api, i));
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
      public ResourceUse usage() {
        return meter.read();
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

  private void bind(CoreV1Api api, int i) {
    String pod = workload.podName(i);
    try {
      Bindings.bind(api, workload.namespace(), pod, workload.nodeName(i % workload.nodes()));
    } catch (ApiException e) {
      throw ApiErrors.refused("bind " + pod, e);
    }
  }

}
