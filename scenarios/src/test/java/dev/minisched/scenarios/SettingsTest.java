package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void namesPropertiesAndEnvironmentVariablesAlike() {
    assertThat(Settings.property("backend")).isEqualTo("minisched.backend");
    assertThat(Settings.envVar("etcd.image")).isEqualTo("MINISCHED_ETCD_IMAGE");
    assertThat(Settings.envVar("keepRunning")).isEqualTo("MINISCHED_KEEPRUNNING");
  }

  @Test
  void overridesWinAndBlankMeansUnset() {
    Settings settings = Settings.with(Map.of("scenario", "node-number", "backend", "  "));
    assertThat(settings.get("scenario")).contains("node-number");
    assertThat(settings.get("backend", "containers")).isEqualTo("containers");
  }

  @Test
  void systemPropertiesAreRead() {
    System.setProperty("minisched.test.only", "yes");
    try {
      assertThat(Settings.fromEnvironment().flag("test.only")).isTrue();
    } finally {
      System.clearProperty("minisched.test.only");
    }
  }

  @Test
  void secondsAcceptFractionsAndExplainBadInput() {
    assertThat(Settings.with(Map.of("wait", "1.5")).seconds("wait", Duration.ZERO))
        .isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> Settings.with(Map.of("wait", "soon")).seconds("wait", Duration.ofSeconds(3)))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("minisched.wait=soon is not a number of seconds")
        .hasMessageContaining("-Dminisched.wait=3");
  }
}
