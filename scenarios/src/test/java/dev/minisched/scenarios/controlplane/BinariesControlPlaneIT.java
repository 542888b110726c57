package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.Settings;
import java.util.Map;

/** etcd and kube-apiserver from KUBEBUILDER_ASSETS (or -Dminisched.binaries.dir) as child processes. */
class BinariesControlPlaneIT extends ControlPlaneContract {
  @Override
  Settings settings() {
    return Settings.with(Map.of("backend", "binaries"));
  }

  @Override
  void assertStoppedAfterClose() {
    assertThat(controlPlane.isShared()).isFalse();
    assertNoChildProcessLeft();
    assertTemporaryDirectoryGone();
  }
}
