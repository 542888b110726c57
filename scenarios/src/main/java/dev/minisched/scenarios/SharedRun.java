package dev.minisched.scenarios;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of a scenario on a cluster shared with others (the kubeconfig backend). The run is a
 * namespace of its own, {@code minisched-<random>}, which holds its pods and whose name is the
 * run's id: labelled {@code minisched.dev/run=<id>} like the run's nodes ({@link NodeFence}),
 * and annotated {@code minisched.dev/heartbeat=<time>}, which the run renews every
 * {@link #BEAT} while it lives.
 *
 * <p>A JVM that is killed cannot clean up, and its nodes would stay in the cluster for good. So
 * a run first removes the leftovers of dead runs: the nodes and namespaces labelled with a run
 * whose namespace is gone, or whose heartbeat is older than {@link #DEAD_AFTER}. A heartbeat
 * rather than a process id, because the runs sharing a cluster may be on different machines;
 * the margin between {@link #BEAT} and {@link #DEAD_AFTER} absorbs clocks that differ by up to
 * 50 s. Nodes without the label, and those of a live run, are never touched.
 *
 * <p>Threads: created and closed by the runner's thread; the heartbeat has a thread of its own.
 */
final class SharedRun implements AutoCloseable {
  static final String RUN_LABEL = NodeFence.RUN_LABEL;
  static final String HEARTBEAT = "minisched.dev/heartbeat";
  static final Duration BEAT = Duration.ofSeconds(10);
  static final Duration DEAD_AFTER = Duration.ofSeconds(60);

  private final CoreV1Api api;
  private final String id;
  private final ScheduledExecutorService heartbeat;
  private boolean failing; // heartbeat thread only: say once that it fails, not every beat

  private SharedRun(CoreV1Api api, String id) {
    this.api = api;
    this.id = id;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "minisched-heartbeat");
      t.setDaemon(true);
      return t;
    });
  }

  /** Removes dead runs' leftovers, then creates this run's namespace and starts its heartbeat. */
  static SharedRun begin(CoreV1Api api) {
    removeDeadRuns(api);
    String id = "minisched-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    try {
      api.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(id)
          .labels(Map.of(RUN_LABEL, id)).annotations(Map.of(HEARTBEAT, Instant.now().toString())))).execute();
    } catch (ApiException e) {
      throw ApiErrors.refused("create namespace " + id, e);
    }
    SharedRun run = new SharedRun(api, id);
    run.heartbeat.scheduleWithFixedDelay(run::beat, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
    return run;
  }

  /** The run's id, which is also its namespace's name. */
  String id() {
    return id;
  }

  NodeFence fence() {
    return NodeFence.forRun(id);
  }

  private void beat() {
    try {
      V1Namespace namespace = api.readNamespace(id).execute();
      Map<String, String> annotations = new HashMap<>(Optional.ofNullable(namespace.getMetadata().getAnnotations()).orElse(Map.of()));
      annotations.put(HEARTBEAT, Instant.now().toString());
      namespace.getMetadata().setAnnotations(annotations);
      api.replaceNamespace(id, namespace).execute();
      failing = false;
    } catch (ApiException e) {
      if (!failing) {
        System.err.printf("[minisched] cannot renew the heartbeat of run %s (will retry): %s%n", id, ApiErrors.message(e));
      }
      failing = true;
    }
  }

  /**
   * Deletes the nodes and namespaces of runs that are dead. Nodes are listed before namespaces:
   * a run creates its namespace before any node, so a node seen here has its namespace in the
   * later list unless that run is gone.
   */
  static void removeDeadRuns(CoreV1Api api) {
    try {
      List<V1Node> nodes = api.listNode().labelSelector(RUN_LABEL).execute().getItems();
      Map<String, V1Namespace> runs = new HashMap<>();
      for (V1Namespace namespace : api.listNamespace().labelSelector(RUN_LABEL).execute().getItems()) {
        String name = namespace.getMetadata().getName();
        if (name.equals(namespace.getMetadata().getLabels().get(RUN_LABEL))) {
          runs.put(name, namespace);
        }
      }
      Instant now = Instant.now();
      for (V1Node node : nodes) {
        String run = node.getMetadata().getLabels().get(RUN_LABEL);
        if (isDead(runs.get(run), now)) {
          System.out.printf("[minisched] deleting node %s, left behind by run %s, which has ended%n",
              node.getMetadata().getName(), run);
          ignoreGone(() -> api.deleteNode(node.getMetadata().getName())
              .body(new V1DeleteOptions().preconditions(new V1Preconditions().uid(node.getMetadata().getUid())))
              .execute());
        }
      }
      for (V1Namespace namespace : runs.values()) {
        if (isDead(namespace, now) && namespace.getMetadata().getDeletionTimestamp() == null) {
          System.out.printf("[minisched] deleting namespace %s, left behind by a run that has ended%n",
              namespace.getMetadata().getName());
          ignoreGone(() -> api.deleteNamespace(namespace.getMetadata().getName()).execute());
        }
      }
    } catch (ApiException e) {
      throw ApiErrors.refused("look for the leftovers of earlier runs", e);
    }
  }

  /**
   * A run is dead when its namespace is gone or going, or its last sign of life (the heartbeat,
   * else the namespace's creation) is older than {@link #DEAD_AFTER}.
   */
  static boolean isDead(V1Namespace run, Instant now) {
    if (run == null || run.getMetadata().getDeletionTimestamp() != null) {
      return true;
    }
    Instant lastSign = heartbeat(run).orElseGet(() -> run.getMetadata().getCreationTimestamp() == null
        ? Instant.EPOCH : run.getMetadata().getCreationTimestamp().toInstant());
    return lastSign.plus(DEAD_AFTER).isBefore(now);
  }

  private static Optional<Instant> heartbeat(V1Namespace run) {
    Map<String, String> annotations = run.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(HEARTBEAT);
    try {
      return Optional.ofNullable(value).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private interface Call {
    void run() throws ApiException;
  }

  private static void ignoreGone(Call call) throws ApiException {
    try {
      call.run();
    } catch (ApiException e) {
      // Gone already (404), or replaced by a same-named object since it was listed (409: the
      // uid precondition failed); either way there is nothing of that run left to delete.
      if (e.getCode() != 404 && e.getCode() != 409) {
        throw e;
      }
    }
  }

  /** Stops the heartbeat and deletes the namespace, and with it the run's pods. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      heartbeat.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      api.deleteNamespace(id).execute();
    } catch (ApiException e) {
      System.err.printf("[minisched] could not delete namespace %s: %s%n", id, ApiErrors.message(e));
    }
  }
}
