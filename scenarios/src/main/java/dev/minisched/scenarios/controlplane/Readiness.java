package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.UserError;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import okhttp3.Request;
import okhttp3.Response;

/**
 * When a control plane we started is ready for a scenario: {@code /readyz} answers ok (etcd is
 * reachable and every post-start hook, such as the RBAC bootstrap roles, has run) and a pod can be
 * created in {@code default} (kube-apiserver creates that namespace itself shortly after start).
 * Runs on the thread that starts the control plane and polls every 100 ms.
 */
final class Readiness {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final String NAMESPACE = "default";

  private Readiness() {}

  /** Something to check between polls that throws a {@link UserError} when waiting is pointless. */
  interface StillStarting {
    void check();
  }

  /**
   * Returns when ready; throws {@link UserError} with the last reason and the end of the
   * apiserver's log after {@code timeout}.
   */
  static void await(ApiClient client, Duration timeout, StillStarting stillStarting, Supplier<String> logTail) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastReason = "no answer yet";
    while (System.nanoTime() < deadline) {
      stillStarting.check();
      String reason = notReadyReason(client);
      if (reason == null) {
        return;
      }
      lastReason = reason;
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while waiting for kube-apiserver");
      }
    }
    throw new UserError("kube-apiserver at " + client.getBasePath() + " was not ready after "
        + timeout.toSeconds() + " s: " + lastReason + "\nThe end of kube-apiserver's log:\n" + logTail.get());
  }

  /** Null when ready, otherwise why not. */
  private static String notReadyReason(ApiClient client) {
    try {
      return readyzFailure(client);
    } catch (Exception e) {
      // OkHttp throws InterruptedException from a call interrupted while connecting without
      // declaring it; keep the interrupt, and the sleep that follows ends the wait.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  private static String readyzFailure(ApiClient client) {
    // /readyz is readable without credentials (the system:public-info-viewer role).
    Request readyz = new Request.Builder().url(client.getBasePath() + "/readyz").build();
    try (Response response = client.getHttpClient().newCall(readyz).execute()) {
      if (response.code() != 200) {
        return "/readyz answered " + response.code();
      }
    } catch (IOException e) {
      return "/readyz: " + e.getMessage();
    }
    return podCreationFailure(new CoreV1Api(client));
  }

  private static String podCreationFailure(CoreV1Api api) {
    String name = "minisched-readiness-" + UUID.randomUUID().toString().substring(0, 8);
    V1Pod pod = new V1Pod()
        .metadata(new V1ObjectMeta().name(name))
        // overhead(null): client-java sends an empty map otherwise, which the RuntimeClass admission
        // plugin rejects (kubernetes-client/java#3076).
        .spec(new V1PodSpec().overhead(null)
            .addContainersItem(new V1Container().name("c").image("registry.k8s.io/pause:3.10")));
    try {
      api.createNamespacedPod(NAMESPACE, pod).execute();
      // Never scheduled, so no kubelet holds it: a grace period of 0 removes it at once.
      api.deleteNamespacedPod(name, NAMESPACE).gracePeriodSeconds(0).execute();
      return null;
    } catch (ApiException e) {
      return "creating a pod in " + NAMESPACE + " failed with " + e.getCode() + " " + e.getResponseBody();
    }
  }
}
