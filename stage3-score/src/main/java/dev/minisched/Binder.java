package dev.minisched;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Binding;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1Pod;
import java.io.IOException;
import java.net.HttpURLConnection;

/**
 * Binds a pod to a node through the {@code pods/binding} subresource, as upstream's DefaultBinder
 * plugin does. The API server then sets {@code spec.nodeName}; a kubelet would start the pod.
 */
final class Binder {
  /** How a binding ended. */
  enum Result { BOUND, ALREADY_BOUND }

  private final CoreV1Api api;

  Binder(CoreV1Api api) {
    this.api = api;
  }

  /**
   * Binds the pod, or finds it bound already: a 409 Conflict means someone else (another
   * scheduler, a user) bound it first, which is not an error to retry.
   *
   * @throws ApiException any other refusal: the pod is gone, the node name is invalid, ...
   */
  Result bind(V1Pod pod, String node) throws ApiException {
    V1Binding binding = new V1Binding()
        // The UID makes the binding fail if the pod was deleted and re-created meanwhile.
        .metadata(new V1ObjectMeta().name(pod.getMetadata().getName())
            .namespace(pod.getMetadata().getNamespace()).uid(pod.getMetadata().getUid()))
        .target(new V1ObjectReference().kind("Node").apiVersion("v1").name(node));
    try {
      // The API server answers a binding with a Status, not a Binding (client-java's execute()
      // would fail to parse it as one), so the call is built here and run by hand; any 2xx is
      // success. The reply is read to its end, not just closed: closing an HTTP/2 reply whose
      // last frame has not arrived yet cancels the stream, one more frame each way per binding.
      okhttp3.Call call = api.createNamespacedPodBinding(
          pod.getMetadata().getName(), pod.getMetadata().getNamespace(), binding).buildCall(null);
      try (okhttp3.Response response = call.execute()) {
        String body = response.body() == null ? "" : response.body().string();
        if (!response.isSuccessful()) {
          throw new ApiException(response.message(), response.code(), response.headers().toMultimap(), body);
        }
      } catch (IOException e) {
        throw new ApiException(e);
      }
      return Result.BOUND;
    } catch (ApiException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return Result.ALREADY_BOUND;
      }
      throw e;
    }
  }
}
