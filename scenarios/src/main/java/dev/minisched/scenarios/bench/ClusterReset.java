package dev.minisched.scenarios.bench;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.time.Duration;

/**
 * Gives the next contender a fresh cluster state on the same control plane: every pod in the
 * namespace and every node is deleted (grace period 0: no kubelet will confirm anything), then
 * waited for. Events stay; whoever reads them matches them to pods by UID.
 */
public final class ClusterReset {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

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
}
