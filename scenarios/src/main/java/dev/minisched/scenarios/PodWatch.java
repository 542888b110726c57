package dev.minisched.scenarios;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.util.function.Consumer;

/**
 * The harness's watch on one namespace's pods, as {@code kubectl get pods -w} sees them: an
 * informer that hands every added or updated pod to {@code seen} and tells {@code gone} of each
 * deletion. The report's tracker and the benchmark both watch this way. Handlers run on the
 * informer's thread.
 */
public final class PodWatch {
  private PodWatch() {}

  /**
   * Registers the informer with {@code informers}; starting them starts it. Its watch reports
   * failures to {@code failures}.
   */
  public static SharedIndexInformer<V1Pod> register(SharedInformerFactory informers, ApiClient client,
      String namespace, WatchFailures failures, Consumer<V1Pod> seen, Runnable gone) {
    SharedIndexInformer<V1Pod> pods = informers.sharedIndexInformerFor(
        new GenericKubernetesApi<>(V1Pod.class, V1PodList.class, "", "v1", "pods", client),
        V1Pod.class, 0, namespace, failures::failed);
    pods.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1Pod pod) {
        seen.accept(pod);
      }

      @Override
      public void onUpdate(V1Pod oldPod, V1Pod newPod) {
        seen.accept(newPod);
      }

      @Override
      public void onDelete(V1Pod pod, boolean deletedFinalStateUnknown) {
        gone.run();
      }
    });
    return pods;
  }
}
