package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.NodeTemplate;
import dev.minisched.scenarios.PodTemplate;
import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stopped;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.SchedulingV1Api;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PriorityClass;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code controlPlane.reuse} on, the next scenario gets the control plane of the one before,
 * with nothing of it left in the cluster; a control plane whose kube-apiserver a scenario stopped
 * is not kept; without the setting every scenario gets a fresh one.
 */
class KeptControlPlaneIT {
  private static final Settings REUSE = Settings.with(Map.of("backend", "binaries", "controlPlane.reuse", "true"));

  @AfterEach
  void leaveNothing() {
    KeptControlPlane.stopKept();
  }

  @Test
  void theNextScenarioGetsTheSameControlPlaneWithNothingOfTheOneBefore() throws Exception {
    ControlPlane first = ControlPlanes.forScenario(REUSE);
    CoreV1Api api = new CoreV1Api(first.newClient());
    api.createNode(NodeTemplate.node("n1").toNode()).execute();
    api.createNamespacedPod("default", PodTemplate.pod("p1").toPod("default", "minisched")).execute();
    new SchedulingV1Api(first.newClient()).createPriorityClass(
        new V1PriorityClass().metadata(new V1ObjectMeta().name("urgent")).value(1000)).execute();

    assertThat(first.stop()).as("handed back, not stopped").isEqualTo(Stopped.NOTHING);
    ControlPlane second = ControlPlanes.forScenario(REUSE);

    assertThat(second.kubeconfig()).isEqualTo(first.kubeconfig());
    CoreV1Api again = new CoreV1Api(second.newClient());
    assertThat(again.listNode().execute().getItems()).isEmpty();
    assertThat(again.listNamespacedPod("default").execute().getItems()).isEmpty();
    assertThat(new SchedulingV1Api(second.newClient()).listPriorityClass().execute().getItems())
        .extracting(pc -> pc.getMetadata().getName()).doesNotContain("urgent").contains("system-node-critical");
    second.stop();
  }

  @Test
  void aControlPlaneWhoseApiServerWasStoppedIsNotKept() {
    ControlPlane faulted = ControlPlanes.forScenario(REUSE);
    faulted.stopApiServer();
    faulted.startApiServer();

    assertThat(faulted.stop().stopped()).contains("kube-apiserver", "etcd");
    ControlPlane next = ControlPlanes.forScenario(REUSE);
    assertThat(next.kubeconfig()).isNotEqualTo(faulted.kubeconfig());
    next.stop();
  }

  @Test
  void withoutTheSettingEveryScenarioGetsAFreshOne() {
    Settings fresh = Settings.with(Map.of("backend", "binaries", "controlPlane.reuse", "false"));
    ControlPlane first = ControlPlanes.forScenario(fresh);
    assertThat(first.stop().stopped()).contains("kube-apiserver", "etcd");
  }
}
