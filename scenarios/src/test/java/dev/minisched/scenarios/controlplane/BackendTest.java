package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.UserError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendTest {
  @Test
  void selectsByNameCaseInsensitively() {
    assertThat(Backend.byUserName("Binaries")).contains(Backend.BINARIES);
    assertThat(Backend.byUserName("kind")).isEmpty();
    assertThat(Backend.DEFAULT).isEqualTo(Backend.CONTAINERS);
  }

  @Test
  void aMissingPrerequisiteNamesTheOtherBackendsAndHowToSelectThem() {
    String message = Backend.CONTAINERS.cannotStart("no Docker").getMessage();
    assertThat(message).startsWith("the containers backend cannot start: no Docker\nOther backends:")
        .contains("-Dminisched.backend=binaries (or MINISCHED_BACKEND=binaries)")
        .contains("-Dminisched.backend=kubeconfig (or MINISCHED_BACKEND=kubeconfig)")
        .doesNotContain("backend=containers");
  }

  @Test
  void unknownBackendIsAUserError() {
    assertThatThrownBy(() -> ControlPlanes.start(Settings.with(Map.of("backend", "minikube"))))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("unknown backend 'minikube'")
        .hasMessageContaining("containers, binaries, kubeconfig");
  }
}
