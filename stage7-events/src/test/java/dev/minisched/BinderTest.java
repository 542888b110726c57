package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import org.junit.jupiter.api.Test;

/**
 * A 409 Conflict on a binding is success only if the pod read back is this very pod, bound to this
 * node; else the binding failed, as upstream takes every failed Bind (schedule_one.go,
 * handleBindingCycleError). The decision on what was read back; the reads and the 409 themselves
 * are BindRacesIT's, on a real API server.
 */
class BinderTest {
  private static V1Pod pod(String uid, String node) {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name("web").uid(uid))
        .spec(new V1PodSpec().nodeName(node));
  }

  @Test
  void thisPodBoundToThisNodeIsBoundAlready() {
    assertThat(Binder.isSamePodOn(pod("uid-web", null), pod("uid-web", "node-a"), "node-a")).isTrue();
  }

  @Test
  void thisPodBoundToAnotherNodeIsAFailedBinding() {
    assertThat(Binder.isSamePodOn(pod("uid-web", null), pod("uid-web", "node-b"), "node-a")).isFalse();
  }

  @Test
  void anotherPodOfTheSameNameIsAFailedBinding() {
    assertThat(Binder.isSamePodOn(pod("uid-web", null), pod("uid-of-a-new-web", "node-a"), "node-a")).isFalse();
  }

  @Test
  void aPodNotBoundYetIsAFailedBinding() {
    assertThat(Binder.isSamePodOn(pod("uid-web", null), pod("uid-web", null), "node-a")).isFalse();
  }
}
