package dev.minisched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A 409 Conflict on a binding is success only if the pod, this very one, is bound to this node;
 * else the binding failed, as upstream takes every failed Bind (schedule_one.go,
 * handleBindingCycleError). The API's answers are canned.
 */
class BinderTest {
  private static final String BINDING = "POST /api/v1/namespaces/default/pods/web/binding";
  private static final String READ = "GET /api/v1/namespaces/default/pods/web";

  private static V1Pod pod() {
    return new V1Pod().metadata(new V1ObjectMeta().namespace("default").name("web").uid("uid-web")).spec(new V1PodSpec());
  }

  private static Binder binder(CannedApi api) {
    return new Binder(new CoreV1Api(api.client()));
  }

  @Test
  void aConflictOnAPodBoundToThisNodeIsBoundAlready() throws ApiException {
    CannedApi api = new CannedApi(Map.of(BINDING, CannedApi.alreadyAssigned("web", "node-a"),
        READ, CannedApi.pod("default", "web", "uid-web", "node-a")));
    assertThat(binder(api).bind(pod(), "node-a")).isEqualTo(Binder.Result.ALREADY_BOUND);
    assertThat(api.requests).containsExactly(BINDING, READ);
  }

  @Test
  void aConflictOnAPodBoundToAnotherNodeIsAFailedBinding() {
    CannedApi api = new CannedApi(Map.of(BINDING, CannedApi.alreadyAssigned("web", "node-b"),
        READ, CannedApi.pod("default", "web", "uid-web", "node-b")));
    assertThatThrownBy(() -> binder(api).bind(pod(), "node-a"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          // Upstream's RunBindPlugins wraps its DefaultBinder's error so: "running Bind plugin %q: %w".
          assertThat(Binder.failureMessage(e)).isEqualTo("running Bind plugin \"DefaultBinder\": "
              + "Operation cannot be fulfilled on pods/binding \"web\": pod web is already assigned to node \"node-b\"");
        });
  }

  @Test
  void aConflictOnAnotherPodOfTheSameNameIsAFailedBinding() {
    CannedApi api = new CannedApi(Map.of(BINDING, CannedApi.alreadyAssigned("web", "node-a"),
        READ, CannedApi.pod("default", "web", "uid-of-a-new-web", "node-a")));
    assertThatThrownBy(() -> binder(api).bind(pod(), "node-a")).isInstanceOf(ApiException.class);
  }

  @Test
  void aConflictOnAPodThatIsGoneIsAFailedBinding() {
    CannedApi api = new CannedApi(Map.of(BINDING, CannedApi.alreadyAssigned("web", "node-a")));
    assertThatThrownBy(() -> binder(api).bind(pod(), "node-a")).isInstanceOf(ApiException.class);
  }
}
