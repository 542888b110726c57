package dev.minisched.scenarios;

import dev.minisched.scenarios.results.SimulatorAnnotations;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.SchedulingV1Api;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Preconditions;
import io.kubernetes.client.openapi.models.V1PriorityClass;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * What a scenario can do to the cluster: create, change and delete nodes and pods, wait for pods
 * to be bound, and mark moments for the report. Every call goes to the real API server.
 *
 * <p>A call that the API server refuses, or a wait that times out, throws {@link ScenarioError}
 * with the API server's own message or the pod's latest FailedScheduling reason.
 *
 * <p>On a shared cluster, nodes are fenced ({@link NodeFence}): the scenario's nodes carry the
 * run's label and a taint its pods tolerate, and a node the run did not create is never changed
 * or deleted.
 *
 * <p>Used from the scenario's thread only.
 */
public final class Cluster {
  private static final Duration UNREACHABLE_PATIENCE = Duration.ofSeconds(60);
  private static final Duration RETRY = Duration.ofMillis(500);

  private final CoreV1Api api;
  private final String namespace;
  private final String schedulerName;
  private final PodTracker tracker;
  private final NodeFence fence;
  private final Instant start = Instant.now();
  private final Map<String, Instant> marks = new LinkedHashMap<>();
  private final Set<String> createdNodes = new LinkedHashSet<>();
  private final Set<String> createdPriorityClasses = new LinkedHashSet<>();
  /** Pods the scenario bound itself ({@link #bindPod}): no scheduler reports them. */
  private final Set<String> boundByScenario = new LinkedHashSet<>();
  /** When this scenario last created a node; see {@link #NODE_SETTLE}. */
  private long lastNodeCreatedNanos = System.nanoTime() - NODE_SETTLE.toNanos();

  /**
   * How long a pod's creation waits after a node's. The scheduler learns of nodes and of pods
   * through two watches, which deliver in either order: a pod created right after a node can reach
   * the scheduler before that node does, and fail with "no nodes available". Stages 1-5 never
   * retry a failed pod, so a story that creates its nodes and then its pods would fail now and
   * then. Half a second is far more than the watches need on one machine.
   */
  static final Duration NODE_SETTLE = Duration.ofMillis(500);

  /**
   * How long a scenario's line waits for the scheduler's log to catch up with the bindings the
   * watch has seen. Its Scheduled events take milliseconds; a scheduler that writes none (or one
   * stopped meanwhile) costs this once per line.
   */
  static final Duration LOG_CATCH_UP = Duration.ofSeconds(2);

  Cluster(CoreV1Api api, String namespace, String schedulerName, PodTracker tracker, NodeFence fence) {
    this.api = api;
    this.namespace = namespace;
    this.schedulerName = schedulerName;
    this.tracker = tracker;
    this.fence = fence;
  }

  /** The namespace the scenario's pods live in. */
  public String namespace() {
    return namespace;
  }

  /** The scheduler name new pods ask for. */
  public String schedulerName() {
    return schedulerName;
  }

  // ---- nodes ----

  public V1Node createNode(NodeTemplate template) {
    return createNodeObject(template.toNode());
  }

  private V1Node createNodeObject(V1Node node) {
    String name = node.getMetadata().getName();
    if (fence.isUp() && !createdNodes.contains(name) && readNode(name).isPresent()) {
      throw fence.taken(name); // never adopted: it may be a real node
    }
    V1Node fenced = fence.fence(node);
    V1Node created = call("create node " + name, () -> api.createNode(fenced).execute());
    createdNodes.add(name);
    lastNodeCreatedNanos = System.nanoTime();
    return created;
  }

  /**
   * Creates one node per number in {@code from..to} (inclusive), each made by {@code template}:
   * {@code createNodes(0, 8, i -> node("node" + i).unschedulable())}.
   */
  public void createNodes(int from, int to, IntFunction<NodeTemplate> template) {
    for (int i = from; i <= to; i++) {
      createNode(template.apply(i));
    }
  }

  /**
   * Reads the node, applies the change, writes it back; retries when someone else wrote first.
   * On a shared cluster the fence is put back should the change have dropped it.
   */
  public V1Node updateNode(String name, UnaryOperator<V1Node> change) {
    for (int attempt = 1; ; attempt++) {
      V1Node current = call("read node " + name, () -> api.readNode(name).execute());
      if (!fence.owns(current)) {
        throw fence.notOurs("update node " + name);
      }
      try {
        // The resourceVersion read above makes the write fail should the node change meanwhile.
        return api.replaceNode(name, fence.fence(change.apply(current))).execute();
      } catch (ApiException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 5) {
          throw ApiErrors.refused("update node " + name, e);
        }
      }
    }
  }

  /** Sets or clears {@code spec.unschedulable}, as kubectl cordon and uncordon do. */
  public V1Node setUnschedulable(String name, boolean unschedulable) {
    return updateNode(name, node -> {
      node.getSpec().setUnschedulable(unschedulable ? true : null);
      return node;
    });
  }

  public void deleteNode(String name) {
    V1Node current = call("read node " + name, () -> api.readNode(name).execute());
    if (!fence.owns(current)) {
      throw fence.notOurs("delete node " + name);
    }
    call("delete node " + name, () -> deleteExactly(current));
    createdNodes.remove(name);
  }

  /** Deletes this very node (by uid), not another one that took its name since it was read. */
  private Object deleteExactly(V1Node node) throws ApiException {
    return api.deleteNode(node.getMetadata().getName())
        .body(new V1DeleteOptions().preconditions(new V1Preconditions().uid(node.getMetadata().getUid())))
        .execute();
  }

  private Optional<V1Node> readNode(String name) {
    try {
      return Optional.of(call("read node " + name, () -> api.readNode(name).execute()));
    } catch (ScenarioError e) {
      if (e.getCause() instanceof ApiException refused && refused.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  // ---- pods ----

  /**
   * Creates the pod in the scenario's namespace, asking for the scheduler under test. Within
   * {@link #NODE_SETTLE} of a node's creation it first waits out the rest of it.
   */
  public V1Pod createPod(PodTemplate template) {
    return createPodObject(template.toPod(namespace, schedulerName));
  }

  private V1Pod createPodObject(V1Pod pod) {
    long settled = lastNodeCreatedNanos + NODE_SETTLE.toNanos() - System.nanoTime();
    if (settled > 0) {
      pause(Duration.ofNanos(settled));
    }
    String name = pod.getMetadata().getName();
    V1Pod admitted = fence.admit(pod);
    tracker.creating(name);
    V1Pod created = call("create pod " + name, () -> api.createNamespacedPod(namespace, admitted).execute());
    tracker.created(created);
    return created;
  }

  /** Creates one pod per number in {@code from..to} (inclusive): {@code createPods(1, 9, i -> pod("pod" + i))}. */
  public void createPods(int from, int to, IntFunction<PodTemplate> template) {
    for (int i = from; i <= to; i++) {
      createPod(template.apply(i));
    }
  }

  public V1Pod updatePod(String name, UnaryOperator<V1Pod> change) {
    for (int attempt = 1; ; attempt++) {
      V1Pod current = call("read pod " + name, () -> api.readNamespacedPod(name, namespace).execute());
      try {
        return api.replaceNamespacedPod(name, namespace, change.apply(current)).execute();
      } catch (ApiException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 5) {
          throw ApiErrors.refused("update pod " + name, e);
        }
      }
    }
  }

  /**
   * Deletes the pod at once. With no kubelet to confirm that containers stopped, a bound pod
   * with a grace period would stay Terminating forever; grace period 0 removes it immediately.
   */
  public void deletePod(String name) {
    tracker.deleting(name);
    call("delete pod " + name,
        () -> api.deleteNamespacedPod(name, namespace).gracePeriodSeconds(0).execute());
  }

  /**
   * Binds the pod to the node as another scheduler (or a user) would, through the API server's
   * binding endpoint; for stories where someone beats the scheduler under test to it.
   */
  public void bindPod(String pod, String node) {
    boundByScenario.add(pod);
    call("bind pod " + pod + " to " + node, () -> {
      Bindings.bind(api, namespace, pod, node);
      return null;
    });
  }

  // ---- manifests ----

  /**
   * Creates the nodes and pods a YAML manifest describes, in its order, as
   * {@code kubectl create -f} would; for what {@link NodeTemplate} and {@link PodTemplate} cannot
   * say. Documents are separated by {@code ---}; each is a {@code v1} Node or Pod:
   * <pre>{@code
   * cluster.apply("""
   *     apiVersion: v1
   *     kind: Pod
   *     metadata:
   *       name: web
   *     spec:
   *       containers:
   *       - name: main
   *         image: registry.k8s.io/pause:3.10
   *     """);
   * }</pre>
   * Pods go to the scenario's namespace whatever {@code metadata.namespace} says, and ask for the
   * scheduler under test unless they name one. A node with no status gets a template node's (4
   * CPUs, 16Gi, 110 pods, Ready); allocatable defaults to capacity.
   *
   * <p>Nothing is created unless everything can be: the text is read whole first (a mistake
   * throws {@link ScenarioError} naming its line), then the API server checks every object
   * without storing it (a dry run; a refusal throws with the server's message), and only then
   * are the objects created.
   *
   * @return the created objects ({@link V1Node}, {@link V1Pod}), as the API server returned them
   */
  public List<KubernetesObject> apply(String manifest) {
    return apply(Manifest.parse(manifest, "manifest"));
  }

  /** {@link #apply(String)} for a manifest file; messages name the file. */
  public List<KubernetesObject> apply(Path file) {
    String source = "manifest " + file;
    try {
      return apply(Manifest.parse(Files.readString(file), source));
    } catch (IOException e) {
      throw new ScenarioError(source + " cannot be read: " + e, e);
    }
  }

  private List<KubernetesObject> apply(List<Manifest.Entry> entries) {
    for (Manifest.Entry entry : entries) {
      prepare(entry.object());
    }
    for (Manifest.Entry entry : entries) {
      dryRun(entry);
    }
    List<KubernetesObject> created = new ArrayList<>();
    for (Manifest.Entry entry : entries) {
      created.add(entry.object() instanceof V1Node node ? createNodeObject(node) : createPodObject((V1Pod) entry.object()));
    }
    return created;
  }

  /** What {@link NodeTemplate} and {@link PodTemplate} would have added. */
  private void prepare(KubernetesObject object) {
    if (object instanceof V1Node node) {
      NodeTemplate.completeStatus(node);
    } else if (object instanceof V1Pod pod) {
      pod.getMetadata().setNamespace(namespace);
      if (pod.getSpec() != null) {
        if (pod.getSpec().getSchedulerName() == null) {
          pod.getSpec().setSchedulerName(schedulerName);
        }
        if (pod.getSpec().getOverhead() != null && pod.getSpec().getOverhead().isEmpty()) {
          pod.getSpec().setOverhead(null); // see PodTemplate#toPod
        }
      }
    }
  }

  private void dryRun(Manifest.Entry entry) {
    String what = (entry.object() instanceof V1Node ? "create node " : "create pod ")
        + entry.object().getMetadata().getName() + " (" + entry.where() + ")";
    call(what, () -> entry.object() instanceof V1Node node
        ? api.createNode(node).dryRun("All").execute()
        : api.createNamespacedPod(namespace, (V1Pod) entry.object()).dryRun("All").execute());
  }

  // ---- priority classes ----

  /**
   * Creates a PriorityClass; pods name it with {@link PodTemplate#priorityClassName}, and the API
   * server's Priority admission plugin turns that into the pod's {@code spec.priority}. It is
   * cluster-wide, so on a shared cluster its name gets the run's namespace in front, lest two
   * runs collide: use the name this returns.
   *
   * @param value the priority; higher is scheduled first
   * @return the PriorityClass's name in the cluster
   */
  public String createPriorityClass(String name, int value) {
    String actual = fence.isUp() ? namespace + "-" + name : name;
    V1PriorityClass priorityClass = new V1PriorityClass()
        .metadata(new V1ObjectMeta().name(actual)).value(value)
        .description("minisched scenario");
    call("create priority class " + actual, () -> scheduling().createPriorityClass(priorityClass).execute());
    createdPriorityClasses.add(actual);
    return actual;
  }

  private SchedulingV1Api scheduling() {
    return new SchedulingV1Api(api.getApiClient());
  }

  // ---- waiting ----

  /** Waits until the pod is bound and returns its node. */
  public String awaitBound(String pod, Duration timeout) {
    if (!tracker.awaitCondition(() -> tracker.nodeOf(pod).isPresent(), timeout)) {
      throw new ScenarioError(pod + " was not bound within " + seconds(timeout) + ": "
          + tracker.latestFailure(pod).orElse("the scheduler recorded no FailedScheduling event for it"));
    }
    return tracker.nodeOf(pod).orElseThrow();
  }

  /**
   * Waits until the scheduler has decided about the pod: bound (its node), or a FailedScheduling
   * event (empty). For a story whose outcome depends on the profile the stage runs.
   */
  public Optional<String> awaitDecided(String pod, Duration timeout) {
    if (!tracker.awaitCondition(() -> tracker.nodeOf(pod).isPresent() || tracker.latestFailure(pod).isPresent(),
        timeout)) {
      throw new ScenarioError("the scheduler decided nothing about " + pod + " within " + seconds(timeout));
    }
    return tracker.nodeOf(pod);
  }

  /** Waits until every pod the scenario created, and has not deleted, is bound. */
  public void awaitAllBound(Duration timeout) {
    List<String> pods = livePods();
    boolean done = tracker.awaitCondition(
        () -> pods.stream().allMatch(p -> tracker.nodeOf(p).isPresent()), timeout);
    if (!done) {
      List<String> pending = pods.stream().filter(p -> tracker.nodeOf(p).isEmpty()).toList();
      throw new ScenarioError(pending.size() + " pod(s) not bound within " + seconds(timeout) + ": "
          + String.join(", ", pending) + " — first reason: "
          + tracker.latestFailure(pending.get(0)).orElse("no FailedScheduling event yet"));
    }
  }

  /** Waits until the scheduler has reported a FailedScheduling event for the pod; returns its message. */
  public String awaitFailedScheduling(String pod, Duration timeout) {
    if (!tracker.awaitCondition(() -> tracker.latestFailure(pod).isPresent(), timeout)) {
      throw new ScenarioError("no FailedScheduling event for " + pod + " within " + seconds(timeout)
          + (tracker.nodeOf(pod).isPresent() ? "; it was bound to " + tracker.nodeOf(pod).get() : ""));
    }
    return tracker.latestFailure(pod).orElseThrow();
  }

  /**
   * Waits until the scheduler has recorded an Event with this reason ({@code Scheduled},
   * {@code FailedScheduling}) for the pod; returns the latest one's message. Events are written
   * after the fact, so a pod can be bound a moment before its Scheduled event appears.
   */
  public String awaitEvent(String pod, String reason, Duration timeout) {
    if (!tracker.awaitCondition(() -> !tracker.events(pod, reason).isEmpty(), timeout)) {
      throw new ScenarioError("no " + reason + " event for " + pod + " within " + seconds(timeout));
    }
    return tracker.latestEvent(pod, reason).orElseThrow();
  }

  /**
   * Waits until the scheduler has written the results of at least {@code attempts} scheduling
   * attempts onto the pod ({@code -Dminisched.results=annotations}, the default), and returns
   * its annotations: kube-scheduler-simulator's keys, see
   * {@link dev.minisched.scenarios.results.SimulatorAnnotations}. They are written after the
   * fact, off the scheduling thread, so a pod is bound a moment before they appear.
   */
  public Map<String, String> awaitResults(String pod, int attempts, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, String> annotations = call("read pod " + pod,
          () -> api.readNamespacedPod(pod, namespace).execute()).getMetadata().getAnnotations();
      if (annotations != null && SimulatorAnnotations.history(
          annotations.get(SimulatorAnnotations.RESULT_HISTORY)).size() >= attempts) {
        return annotations;
      }
      if (System.nanoTime() > deadline) {
        throw new ScenarioError("the scheduler wrote no results of " + attempts + " attempt(s) onto " + pod
            + " within " + seconds(timeout) + "; is -Dminisched.results=annotations?");
      }
      pause(Duration.ofMillis(100));
    }
  }

  /** The node the pod is bound to now, if any. */
  public Optional<String> nodeOf(String pod) {
    return tracker.nodeOf(pod);
  }

  /**
   * Lets time pass, for pacing a story (give the scheduler a moment, wait out a backoff).
   * Not a way to check anything: use the await methods for that.
   */
  public void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScenarioError("interrupted");
    }
  }

  // ---- telling the story ----

  /**
   * Records a named moment, shown in the report's timeline and available to tests. Printed as
   * {@link #log} prints.
   */
  public void mark(String label) {
    Instant now = Instant.now();
    marks.put(label, now);
    print(now, label); // the time the timeline shows, though the line may wait a moment
  }

  /**
   * Prints one line, whole: the scheduler's log goes to the same stream from other threads
   * (simplelogger.properties), and println writes a line in one piece where printf writes pieces.
   * It first waits, up to {@link #LOG_CATCH_UP}, until the scheduler has reported every binding
   * the watch has seen (see {@link PodTracker#bindingsReported}), so that "all pods bound" comes
   * after the scheduler's "bound to" lines it sums up, not before the last of them.
   */
  public void log(String message) {
    print(Instant.now(), message);
  }

  private void print(Instant at, String message) {
    if (tracker != null) { // a test's Cluster may have none
      tracker.awaitCondition(() -> tracker.bindingsReported(boundByScenario), LOG_CATCH_UP);
    }
    System.out.println(String.format("[scenario +%6.3f s] %s",
        Duration.between(start, at).toMillis() / 1000.0, message));
  }

  Map<String, Instant> marks() {
    return Collections.unmodifiableMap(marks);
  }

  Instant start() {
    return start;
  }

  /**
   * Which of the scenario's nodes hold more than they can: for cpu, memory and pods, the sum of
   * the bound pods' requests (of every namespace) against allocatable, read from the API server
   * now. Empty when none is over-committed. See {@link Overcommit}.
   */
  public List<String> overcommittedNodes() {
    List<V1Node> nodes = call("list nodes", () -> api.listNode().execute()).getItems().stream()
        .filter(n -> createdNodes.contains(n.getMetadata().getName())).toList();
    List<V1Pod> pods = call("list pods", () -> api.listPodForAllNamespaces().execute()).getItems();
    return Overcommit.check(nodes, pods);
  }

  /** Deletes what this scenario created (pods, nodes, priority classes); used on shared clusters only. */
  void deleteCreatedObjects() {
    for (String pod : livePods()) {
      quietly(() -> api.deleteNamespacedPod(pod, namespace).gracePeriodSeconds(0).execute());
    }
    for (String node : new ArrayList<>(createdNodes)) {
      quietly(() -> {
        V1Node current = api.readNode(node).execute();
        return fence.owns(current) ? deleteExactly(current) : null;
      });
    }
    for (String priorityClass : createdPriorityClasses) {
      quietly(() -> scheduling().deletePriorityClass(priorityClass).execute());
    }
  }

  /**
   * The pods this scenario created and has not deleted. Not "the pods the watch has seen": a pod
   * created a moment ago may not have reached the watch yet, and must still be waited for.
   */
  private List<String> livePods() {
    return tracker.createdNotDeleted();
  }

  // ---- API calls with the API server's message on failure ----

  private interface ApiCall<T> {
    T run() throws ApiException;
  }

  /**
   * Runs an API call. While the API server refuses connections (it is restarting, say), tries
   * again every {@link #RETRY} for up to {@link #UNREACHABLE_PATIENCE}: a refused connection
   * means the request never arrived, so trying again cannot do anything twice.
   */
  private <T> T call(String what, ApiCall<T> call) {
    long deadline = System.nanoTime() + UNREACHABLE_PATIENCE.toNanos();
    for (boolean told = false; ; told = true) {
      try {
        return call.run();
      } catch (ApiException e) {
        if (!connectionRefused(e) || System.nanoTime() > deadline) {
          throw ApiErrors.refused(what, e);
        }
        if (!told) {
          log("the API server refuses connections; " + what + " waits for it");
        }
        pause(RETRY);
      }
    }
  }

  private static boolean connectionRefused(ApiException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  private static void quietly(ApiCall<?> call) {
    try {
      call.run();
    } catch (ApiException ignored) {
      // Cleanup of a shared cluster: an object already gone is fine.
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }
}
