package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.scenarios.catalog.PermitDelays;
import dev.minisched.scenarios.config.ConfigError;
import dev.minisched.scenarios.config.Configurable;
import dev.minisched.scenarios.config.ExtensionPoint;
import dev.minisched.scenarios.config.KubeSchedulerProfile;
import dev.minisched.scenarios.config.SchedulerConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the runner picks a profile and a scheduler name, and that a bad file ends the run before anything starts. */
class ScenarioRunnerConfigTest {
  static final String HEAD = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";
  static final Configurable CONFIGURABLE = new Configurable(
      KubeSchedulerProfile.builder().multiPoint("Coscheduling").multiPoint("NodeNumber")
          .disable(ExtensionPoint.PERMIT, "NodeNumber").build(),
      Map.of("NodeNumber", EnumSet.of(ExtensionPoint.SCORE, ExtensionPoint.PERMIT),
          "Coscheduling", EnumSet.of(ExtensionPoint.PERMIT)),
      profile -> (client, name) -> () -> { });
  static final Stage STAGE = new Stage("stage-test", "random-spread", CONFIGURABLE);

  @Test
  void noFileAndNoScenarioProfileMeansTheDefaultProfile() {
    assertThat(ScenarioRunner.configuration(STAGE, Scenarios.byName("random-spread"), Settings.with(Map.of())))
        .isNull();
  }

  @Test
  void aScenarioMayBringItsOwnProfileAndAFileReplacesIt(@TempDir Path dir) throws IOException {
    SchedulerConfiguration own = ScenarioRunner.configuration(STAGE, new PermitDelays(), Settings.with(Map.of()));
    assertThat(own.source()).isEqualTo("scenario permit-delays's profile");
    assertThat(own.profile().enabled(ExtensionPoint.PERMIT)).containsExactly("Coscheduling", "NodeNumber");

    Path file = Files.writeString(dir.resolve("p.yaml"), HEAD);
    SchedulerConfiguration fromFile = ScenarioRunner.configuration(STAGE, new PermitDelays(),
        Settings.with(Map.of("config", file.toString())));
    assertThat(fromFile.source()).isEqualTo(file.toString());
    assertThat(fromFile.profile().enabled(ExtensionPoint.PERMIT)).containsExactly("Coscheduling");
  }

  @Test
  void aStageWithoutProfilesRefusesAFile() {
    Stage plain = new Stage("stage-test", "random-spread", (client, name) -> () -> { });
    assertThatThrownBy(() -> ScenarioRunner.configuration(plain, Scenarios.byName("random-spread"),
        Settings.with(Map.of("config", "x.yaml"))))
        .isInstanceOf(UserError.class).hasMessage("stage-test takes no configuration file; drop -Dminisched.config");
    assertThatThrownBy(() -> ScenarioRunner.configuration(STAGE, Scenarios.byName("random-spread"),
        Settings.with(Map.of("config", "/no/such/file.yaml"))))
        .isInstanceOf(ConfigError.class).hasMessage("/no/such/file.yaml: no such file");
  }

  @Test
  void theProfilesSchedulerNameIsTheSchedulersAndMustAgreeWithTheSetting(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("p.yaml"), HEAD + "profiles:\n- schedulerName: my-scheduler\n");
    Settings withFile = Settings.with(Map.of("config", file.toString()));
    SchedulerConfiguration config = ScenarioRunner.configuration(STAGE, Scenarios.byName("random-spread"), withFile);
    assertThat(ScenarioRunner.schedulerName(config, withFile)).isEqualTo("my-scheduler");
    assertThat(ScenarioRunner.schedulerName(null, Settings.with(Map.of()))).isEqualTo("minisched");
    assertThat(ScenarioRunner.schedulerName(config, Settings.with(Map.of("schedulerName", "my-scheduler"))))
        .isEqualTo("my-scheduler");
    assertThatThrownBy(() -> ScenarioRunner.schedulerName(config, Settings.with(Map.of("schedulerName", "other"))))
        .isInstanceOf(ConfigError.class).hasMessage(file + ": profiles[0].schedulerName: is my-scheduler, but "
            + "-Dminisched.schedulerName is other; drop one, or make them the same");
  }

  @Test
  void printConfigPrintsTheDefaultProfile() {
    assertThat(ScenarioRunner.printConfig(STAGE, Settings.with(Map.of())))
        .startsWith("# stage-test's default profile.")
        .contains("- schedulerName: minisched\n  plugins:\n    multiPoint:\n")
        .contains("    permit:\n      disabled:\n      - name: NodeNumber\n");
  }

  /**
   * The backend named here cannot start (no such kubeconfig): that the run ends with the file's
   * error instead shows the file was checked first.
   */
  @Test
  void aBadFileIsOneLineAndExitCodeOneBeforeAControlPlaneStarts(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("bad.yaml"), HEAD + "profiles:\n- plugins:\n    score:\n"
        + "      enabled:\n      - name: Foo\n");
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = ScenarioRunner.commandLine(STAGE, new String[] {"random-spread"}, Settings.with(Map.of(
          "config", file.toString(), "backend", "kubeconfig", "kubeconfig", dir.resolve("none").toString())));
    } finally {
      System.setErr(originalErr);
    }
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("[minisched] " + file)))
        .containsExactly("[minisched] " + file + ": profiles[0].plugins.score.enabled[0].name: no plugin \"Foo\" "
            + "in stage-test's registry; known: Coscheduling, NodeNumber");
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("kubeconfig");
  }
}
