package dev.minisched.scenarios.differential;

import dev.minisched.scenarios.ApiErrors;
import dev.minisched.scenarios.bench.Contender;
import dev.minisched.scenarios.bench.UpstreamScheduler;
import dev.minisched.scenarios.controlplane.ClusterReset;
import dev.minisched.scenarios.controlplane.ControlPlane;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scheduler through the workload on a fresh cluster state: clear the cluster, create the
 * nodes, start the scheduler (its caches sync with every node before it schedules), then each pod
 * in turn: create it, and wait until it is bound or has a FailedScheduling event (matched by the
 * pod's UID, so events of an earlier trial's pod of the same name never count). At the end, stay
 * a moment to see that nothing moves any more, and read where every pod is.
 *
 * <p>Runs on the caller's thread, which owns the scheduler it starts.
 */
final class Trial {
  static final String NAMESPACE = "default";
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration QUIET = Duration.ofSeconds(2);

  /** What one scheduler did, and upstream's log when it was upstream. */
  record Result(String scheduler, List<Decision> decisions, Optional<String> upstreamLog) {}

  private final ControlPlane controlPlane;
  private final CoreV1Api api;
  private final Duration perPod;

  Trial(ControlPlane controlPlane, ApiClient client, Duration perPod) {
    this.controlPlane = controlPlane;
    this.api = new CoreV1Api(client);
    this.perPod = perPod;
  }

  Result run(Contender contender, DifferentialWorkload workload) throws Exception {
    System.out.printf("[differential] %s: fresh cluster, %d nodes, %d pods one at a time%n",
        contender.name(), workload.nodes().size(), workload.pods().size());
    ClusterReset.clear(api, NAMESPACE);
    for (V1Node node : workload.nodes()) {
      call("create node " + node.getMetadata().getName(), () -> api.createNode(node).execute());
    }
    try (Contender.Run run = contender.start(controlPlane)) {
      Map<String, Decision> decisions = new LinkedHashMap<>();
      for (V1Pod template : workload.pods()) {
        template.getSpec().setSchedulerName(contender.schedulerName());
        String name = template.getMetadata().getName();
        V1Pod created = call("create pod " + name, () -> api.createNamespacedPod(NAMESPACE, template).execute());
        decisions.put(name, decide(name, created.getMetadata().getUid(), run));
      }
      Map<String, Optional<String>> finalNodes = quietState(decisions.keySet().stream().toList());
      List<Decision> result = new ArrayList<>();
      decisions.values().forEach(d -> result.add(new Decision(d.pod(), d.node(), d.message(), finalNodes.get(d.pod()))));
      Optional<String> log = run instanceof UpstreamScheduler.Running upstream ? Optional.of(upstream.log()) : Optional.empty();
      return new Result(contender.name(), result, log);
    }
  }

  /** Waits until the pod is bound or failed; "undecided" after {@code perPod}. */
  private Decision decide(String pod, String uid, Contender.Run run) throws Exception {
    long deadline = System.nanoTime() + perPod.toNanos();
    while (System.nanoTime() < deadline) {
      run.checkAlive();
      Optional<String> node = nodeOf(pod);
      if (node.isPresent()) {
        return new Decision(pod, node, Optional.empty(), Optional.empty());
      }
      Optional<String> failure = latestFailure(uid);
      if (failure.isPresent()) {
        return new Decision(pod, Optional.empty(), failure, Optional.empty());
      }
      Thread.sleep(POLL.toMillis());
    }
    return new Decision(pod, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Where each pod is once nothing has changed for {@link #QUIET}. */
  private Map<String, Optional<String>> quietState(List<String> pods) throws Exception {
    Map<String, Optional<String>> before = nodes(pods);
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < QUIET.toNanos()) {
      Thread.sleep(POLL.toMillis() * 4);
      Map<String, Optional<String>> now = nodes(pods);
      if (!now.equals(before)) {
        before = now;
        quietSince = System.nanoTime();
      }
    }
    return before;
  }

  private Map<String, Optional<String>> nodes(List<String> pods) throws ApiException {
    Map<String, Optional<String>> nodes = new LinkedHashMap<>();
    for (String pod : pods) {
      nodes.put(pod, nodeOf(pod));
    }
    return nodes;
  }

  private Optional<String> nodeOf(String pod) throws ApiException {
    V1Pod current = api.readNamespacedPod(pod, NAMESPACE).execute();
    return Optional.ofNullable(current.getSpec().getNodeName());
  }

  private Optional<String> latestFailure(String uid) throws ApiException {
    List<CoreV1Event> events = api.listNamespacedEvent(NAMESPACE)
        .fieldSelector("involvedObject.uid=" + uid + ",reason=FailedScheduling").execute().getItems();
    return events.stream().max(Comparator.comparing(Trial::lastSeen)).map(CoreV1Event::getMessage);
  }

  /** core/v1 Events carry lastTimestamp; events.k8s.io/v1 ones (kube-scheduler's recorder) eventTime or a series. */
  private static OffsetDateTime lastSeen(CoreV1Event e) {
    if (e.getSeries() != null && e.getSeries().getLastObservedTime() != null) {
      return e.getSeries().getLastObservedTime();
    }
    if (e.getLastTimestamp() != null) {
      return e.getLastTimestamp();
    }
    if (e.getEventTime() != null) {
      return e.getEventTime();
    }
    return e.getMetadata().getCreationTimestamp();
  }

  private interface ApiCall<T> {
    T run() throws ApiException;
  }

  private static <T> T call(String what, ApiCall<T> call) {
    try {
      return call.run();
    } catch (ApiException e) {
      throw ApiErrors.refused(what, e);
    }
  }
}
