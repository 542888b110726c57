package dev.minisched.scenarios.controlplane;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.SchedulingV1Api;
import io.kubernetes.client.openapi.models.V1PriorityClass;
import java.time.Duration;

/**
 * Gives the next user of a private control plane a fresh cluster state without a fresh control
 * plane: objects are deleted with grace period 0 (no kubelet will confirm anything), then waited
 * for. {@link #clear} is what the benchmark and the differential test need between two schedulers
 * (pods and nodes; Events stay, whoever reads them matches them to pods by UID); {@link #clearAll}
 * is what a scenario may have left besides ({@link KeptControlPlane}).
 */
public final class ClusterReset {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** kube-apiserver's own Leases in kube-system carry this label; they are not a scenario's. */
  private static final String APISERVER_IDENTITY = "apiserver.kubernetes.io/identity";

  private ClusterReset() {}

  /** Deletes every pod in {@code namespace} and every node, and waits until they are gone. */
  public static void clear(CoreV1Api api, String namespace) throws ApiException, InterruptedException {
    api.deleteCollectionNamespacedPod(namespace).gracePeriodSeconds(0).execute();
    api.deleteCollectionNode().gracePeriodSeconds(0).execute();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!api.listNamespacedPod(namespace).limit(1).execute().getItems().isEmpty()
        || !api.listNode().limit(1).execute().getItems().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("pods or nodes were still there " + TIMEOUT.toSeconds()
            + " s after deleting them all");
      }
      Thread.sleep(100); // deletecollection has returned; what is left goes within moments
    }
  }

  /**
   * {@link #clear}, and what else a scenario creates or causes: the namespace's Events, every
   * PriorityClass but the built-in {@code system-} ones, and the Leases in kube-system but
   * kube-apiserver's own (a leader-elected scheduler's Lease would make the next one wait for it
   * to expire).
   */
  static void clearAll(CoreV1Api api, String namespace) throws ApiException, InterruptedException {
    clear(api, namespace);
    api.deleteCollectionNamespacedEvent(namespace).execute();
    SchedulingV1Api scheduling = new SchedulingV1Api(api.getApiClient());
    for (V1PriorityClass priorityClass : scheduling.listPriorityClass().execute().getItems()) {
      String name = priorityClass.getMetadata().getName();
      if (!name.startsWith("system-")) {
        scheduling.deletePriorityClass(name).execute();
      }
    }
    new CoordinationV1Api(api.getApiClient()).deleteCollectionNamespacedLease("kube-system")
        .labelSelector("!" + APISERVER_IDENTITY).execute();
  }
}
