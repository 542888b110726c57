package dev.minisched.scenarios.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.controlplane.ControlPlane;
import dev.minisched.scenarios.controlplane.ControlPlanes;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ResultWriter} on a real API server (binaries backend): the API server's own limit on
 * annotations is what the cut must respect, and a pod deleted first is no error.
 */
class ResultWriterIT {
  private static ControlPlane controlPlane;
  private static CoreV1Api api;
  private static ResultWriter writer;

  @BeforeAll
  static void start() {
    controlPlane = ControlPlanes.start(Settings.with(Map.of("backend", "binaries")));
    api = new CoreV1Api(controlPlane.newClient());
    writer = new ResultWriter(controlPlane.newClient(), ResultsMode.ANNOTATIONS);
    writer.start();
  }

  @AfterAll
  static void stop() {
    if (writer != null) {
      writer.close();
    }
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  @Test
  void fiveThousandNodesTwiceAreCutToFitAndThePatchIsAccepted() throws Exception {
    V1Pod pod = create("big");
    Map<String, String> attempt = Attempts.scored(5000);
    assertThat(ResultPatch.size(attempt)).isGreaterThan(ResultPatch.ANNOTATIONS_LIMIT);

    writer.write(pod, attempt);
    writer.write(pod, attempt);

    await().atMost(Duration.ofSeconds(30)).until(() -> history("big").size() == 2);
    Map<String, String> annotations = read("big").getMetadata().getAnnotations();
    assertThat(annotations.get(SimulatorAnnotations.SELECTED_NODE)).isEqualTo("node4999");
    assertThat(SimulatorAnnotations.nodeMap(annotations.get(SimulatorAnnotations.FILTER)))
        .containsKey("node4999").containsKey(ResultPatch.TRUNCATED);
    assertThat(ResultPatch.size(annotations)).isLessThanOrEqualTo(ResultPatch.ANNOTATIONS_LIMIT);
  }

  @Test
  void aPodDeletedBeforeItsResultIsWrittenIsSkippedAndTheNextIsWritten() throws Exception {
    V1Pod gone = create("gone");
    api.deleteNamespacedPod("gone", "default").gracePeriodSeconds(0).execute();
    await().atMost(Duration.ofSeconds(30)).until(() -> !exists("gone"));
    V1Pod next = create("next");

    writer.write(gone, Attempts.scored(10));
    writer.write(next, Attempts.scored(10));

    await().atMost(Duration.ofSeconds(30)).until(() -> history("next").size() == 1);
    assertThat(exists("gone")).isFalse();
  }

  private static V1Pod create(String name) throws ApiException {
    return api.createNamespacedPod("default", new V1Pod().metadata(new V1ObjectMeta().name(name))
        // overhead(null): client-java sends an empty map otherwise, which admission refuses.
        .spec(new V1PodSpec().overhead(null).schedulerName("nobody")
            .containers(List.of(new V1Container().name("c").image("registry.k8s.io/pause:3.10")))))
        .execute();
  }

  private static V1Pod read(String name) throws ApiException {
    return api.readNamespacedPod(name, "default").execute();
  }

  private static boolean exists(String name) {
    try {
      read(name);
      return true;
    } catch (ApiException e) {
      return e.getCode() != 404;
    }
  }

  private static List<Map<String, String>> history(String name) throws ApiException {
    Map<String, String> annotations = read(name).getMetadata().getAnnotations();
    return SimulatorAnnotations.history(annotations == null ? null : annotations.get(SimulatorAnnotations.RESULT_HISTORY));
  }
}
