package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiServerVersionTest {
  @Test
  void readsWhatKubeApiserverVersionPrints() {
    ApiServerVersion version = ApiServerVersion.parse("Kubernetes v1.20.2\n").orElseThrow();
    assertThat(version.major()).isEqualTo(1);
    assertThat(version.minor()).isEqualTo(20);
    assertThat(version).hasToString("v1.20.2");
    assertThat(ApiServerVersion.parse("Kubernetes v1.34.1-rc.0")).get().hasToString("v1.34.1-rc.0");
    assertThat(ApiServerVersion.parse("command not found")).isEmpty();
  }

  @Test
  void insecurePortExistsBeforeV124Only() {
    assertThat(ApiServerVersion.parse("v1.20.2").orElseThrow().hasInsecurePort()).isTrue();
    assertThat(ApiServerVersion.parse("v1.23.17").orElseThrow().hasInsecurePort()).isTrue();
    assertThat(ApiServerVersion.parse("v1.24.0").orElseThrow().hasInsecurePort()).isFalse();
    assertThat(ApiServerVersion.parse("v1.34.1").orElseThrow().hasInsecurePort()).isFalse();
  }
}
