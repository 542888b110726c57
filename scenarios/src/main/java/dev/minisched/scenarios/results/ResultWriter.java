package dev.minisched.scenarios.results;

import dev.minisched.scenarios.ApiErrors;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.PatchUtils;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the record of each scheduling attempt where {@link ResultsMode} says: on the pod as
 * {@link SimulatorAnnotations} (one merge patch of its annotations per attempt), in the log, or
 * nowhere. The scheduler never waits for it: {@link #write} hands the record over, and the
 * thread "minisched-results", which this writer owns, reads the pod, appends the attempt to its
 * result history and patches. That one thread is the only writer of these annotations, so the
 * read-append-patch of one attempt cannot interleave with another's.
 *
 * <p>A pod deleted before its record is written is no error: one debug line, and the record is
 * dropped. Annotations that would pass the API server's size limit are cut down
 * ({@link ResultPatch}), never refused.
 */
public final class ResultWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);
  private static final Duration DRAIN = Duration.ofSeconds(10);

  /** One attempt's record for one pod. */
  private record Pending(String namespace, String name, String uid, Map<String, String> annotations) {}

  private static final Pending STOP = new Pending("", "", "", Map.of());

  private final ResultsMode mode;
  private final ApiClient client;
  private final CoreV1Api api;
  private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
  private final Thread thread;

  public ResultWriter(ApiClient client, ResultsMode mode) {
    this.mode = mode;
    this.client = client;
    this.api = new CoreV1Api(client);
    this.thread = new Thread(this::run, "minisched-results");
    this.thread.setDaemon(true);
  }

  public ResultsMode mode() {
    return mode;
  }

  /** Whether attempts are recorded at all; the scheduler skips the bookkeeping when not. */
  public boolean records() {
    return mode.records();
  }

  /** Starts the writing thread (annotations only); until then records wait in memory. */
  public void start() {
    if (mode == ResultsMode.ANNOTATIONS) {
      thread.start();
    } else if (mode == ResultsMode.OFF) {
      log.info("scheduling results are not recorded (minisched.results=off)");
    }
  }

  /** Records one attempt on {@code pod}; returns at once. */
  public void write(V1Pod pod, Map<String, String> annotations) {
    switch (mode) {
      case OFF -> { }
      case LOG -> log.info("{}/{} attempt: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
          SimulatorAnnotations.json(annotations));
      case ANNOTATIONS -> pending.add(new Pending(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
          pod.getMetadata().getUid(), Map.copyOf(annotations)));
    }
  }

  private void run() {
    while (true) {
      Pending next;
      try {
        next = pending.take();
      } catch (InterruptedException e) {
        return;
      }
      if (next == STOP) {
        return;
      }
      try {
        patch(next);
      } catch (RuntimeException e) {
        log.warn("could not record the scheduling result of {}/{}: {}", next.namespace(), next.name(), e.toString());
      }
    }
  }

  private void patch(Pending attempt) {
    try {
      V1Pod pod = api.readNamespacedPod(attempt.name(), attempt.namespace()).execute();
      if (!Objects.equals(pod.getMetadata().getUid(), attempt.uid())) {
        log.debug("{}/{} was replaced by a new pod before its scheduling result was written; dropped",
            attempt.namespace(), attempt.name());
        return;
      }
      Map<String, String> annotations = ResultPatch.annotations(pod.getMetadata().getAnnotations(), attempt.annotations());
      String body = SimulatorAnnotations.annotationsPatch(annotations);
      PatchUtils.patch(V1Pod.class,
          () -> api.patchNamespacedPod(attempt.name(), attempt.namespace(), new V1Patch(body)).buildCall(null),
          V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        log.debug("{}/{} was deleted before its scheduling result was written; dropped",
            attempt.namespace(), attempt.name());
      } else {
        log.warn("could not record the scheduling result of {}/{}: {}", attempt.namespace(), attempt.name(),
            ApiErrors.message(e));
      }
    }
  }

  /** Writes what is still waiting (for a few seconds at most), then stops the thread. */
  @Override
  public void close() {
    if (!thread.isAlive()) {
      return;
    }
    pending.add(STOP);
    try {
      thread.join(DRAIN.toMillis());
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
