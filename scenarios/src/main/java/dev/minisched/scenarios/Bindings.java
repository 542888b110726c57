package dev.minisched.scenarios;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Binding;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;

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
    // The reply is a Status, which execute() cannot read as the V1Binding it expects: send the raw call.
    api.getApiClient().execute(api.createNamespacedPodBinding(pod, namespace, binding).buildCall(null));
  }
}
