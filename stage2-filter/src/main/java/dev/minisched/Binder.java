package dev.minisched;

import dev.minisched.scenarios.ApiErrors;
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
  /** How a binding ended: bound by this request, or found bound to this node already. */
  enum Result { BOUND, ALREADY_BOUND }

  private final CoreV1Api api;

  Binder(CoreV1Api api) {
    this.api = api;
  }

  /**
   * Binds the pod, or finds it bound to this node already. A 409 Conflict alone does not say
   * which: the pod may be bound already (by an earlier request of ours, or by someone else, to
   * this node or another), or this pod may be gone and another of its name there (the UID
   * precondition). So the pod is read back: bound to this node, this very pod, is the end the
   * binding wanted. Anything else is a failed binding, as upstream takes every failed Bind
   * (handleBindingCycleError): the caller unreserves, forgets the assumed pod and requeues it.
   *
   * @throws ApiException the refusal: the pod is gone, the node name is invalid, it is bound
   *     elsewhere (the 409 itself), ...
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
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT && isBoundTo(pod, node)) {
        return Result.ALREADY_BOUND;
      }
      throw e;
    }
  }

  /**
   * Why the binding failed, as upstream words it: its binding is the DefaultBinder plugin, and
   * the framework wraps that plugin's error (RunBindPlugins: "running Bind plugin %q: %w"); the
   * error itself is the API server's message.
   */
  static String failureMessage(ApiException e) {
    return "running Bind plugin \"DefaultBinder\": " + ApiErrors.message(e);
  }

  /** The pod as the API server has it now: the same UID, bound to {@code node}? */
  private boolean isBoundTo(V1Pod pod, String node) {
    try {
      return isSamePodOn(pod, api.readNamespacedPod(pod.getMetadata().getName(), pod.getMetadata().getNamespace())
          .execute(), node);
    } catch (ApiException e) {
      return false; // gone, or not readable now: not known to be bound here, so the binding failed
    }
  }

  /** True when {@code current} is {@code pod} itself (its UID), bound to {@code node}. */
  static boolean isSamePodOn(V1Pod pod, V1Pod current, String node) {
    return current.getMetadata() != null && pod.getMetadata().getUid().equals(current.getMetadata().getUid())
        && current.getSpec() != null && node.equals(current.getSpec().getNodeName());
  }
}
