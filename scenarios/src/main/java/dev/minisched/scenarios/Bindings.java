package dev.minisched.scenarios;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Binding;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import java.io.IOException;
import okhttp3.Response;

/**
 * Binds a pod to a node through the {@code pods/NAME/binding} subresource, on behalf of someone
 * other than the scheduler under test: a user beating it to a pod, or the benchmark's raw binder.
 */
public final class Bindings {
  private Bindings() {}

  /** Returns on 2xx; a refusal (409: bound already, 404: no such pod) is an ApiException. */
  public static void bind(CoreV1Api api, String namespace, String pod, String node) throws ApiException {
    V1Binding binding = new V1Binding()
        .metadata(new V1ObjectMeta().name(pod).namespace(namespace))
        .target(new V1ObjectReference().apiVersion("v1").kind("Node").name(node));
    // The reply is a Status, which execute() cannot read as the V1Binding it expects: send the raw
    // call, and read the reply to its end, as the stages' Binder does (closed unread, an HTTP/2
    // stream whose last frame is still on its way is cancelled with a RST_STREAM).
    try (Response response = api.createNamespacedPodBinding(pod, namespace, binding).buildCall(null).execute()) {
      String body = response.body() == null ? "" : response.body().string();
      if (!response.isSuccessful()) {
        throw new ApiException(response.message(), response.code(), response.headers().toMultimap(), body);
      }
    } catch (IOException e) {
      throw new ApiException(e);
    }
  }
}
