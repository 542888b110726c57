package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(Settings.editDistance("scenaro", "scenario")).isEqualTo(1);
    assertThat(Settings.editDistance("backend", "backend")).isZero();
    assertThat(Settings.editDistance("", "etcd")).isEqualTo(4);
    assertThat(Settings.editDistance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void closestIgnoresCase() {
    assertThat(Settings.closest("scenaro", Settings.KNOWN_KEYS)).isEqualTo("scenario");
    assertThat(Settings.closest("keeprunning", Settings.KNOWN_KEYS)).isEqualTo("keepRunning");
    assertThat(Settings.closest("bench.round", Settings.KNOWN_KEYS)).isEqualTo("bench.rounds");
    assertThat(Settings.closest("apiserverImage", Settings.KNOWN_KEYS)).isEqualTo("apiserver.image");
  }

  @Test
  void warnsAboutUnknownPropertiesAndVariablesNamingTheClosestSetting() {
    List<String> warnings = Settings.unknownWarnings(
        Set.of("minisched.scenaro", "minisched.backend", "java.home", "minischedule.x"),
        Set.of("MINISCHED_BAKEND", "MINISCHED_ETCD_IMAGE", "MINISCHED_CACHE", "PATH"));
    assertThat(warnings).containsExactly(
        "[minisched] warning: -Dminisched.scenaro is not a minisched setting and is ignored; "
            + "did you mean -Dminisched.scenario? (--help lists the settings)",
        "[minisched] warning: MINISCHED_BAKEND is not a minisched setting and is ignored; "
            + "did you mean MINISCHED_BACKEND? (--help lists the settings)");
  }

  @Test
  void everySettingTheHelpNamesIsKnown() {
    java.util.regex.Matcher named = java.util.regex.Pattern.compile("-Dminisched\\.([a-zA-Z.]+[a-zA-Z])=")
        .matcher(ScenarioRunner.usage(new Stage("stage-test", "random-spread", (client, name) -> () -> {})));
    int count = 0;
    while (named.find()) {
      assertThat(Settings.KNOWN_KEYS).contains(named.group(1));
      count++;
    }
    assertThat(count).isGreaterThan(5);
  }
}
