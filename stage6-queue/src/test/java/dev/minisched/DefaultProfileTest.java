package dev.minisched;

import static dev.minisched.scenarios.config.ExtensionPoint.PERMIT;
import static dev.minisched.scenarios.config.ExtensionPoint.PRE_SCORE;
import static dev.minisched.scenarios.config.ExtensionPoint.QUEUE_SORT;
import static dev.minisched.scenarios.config.ExtensionPoint.RESERVE;
import static dev.minisched.scenarios.config.ExtensionPoint.SCORE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.plugins.Registry;
import dev.minisched.scenarios.catalog.NodeNumberMatch;
import dev.minisched.scenarios.catalog.PermitDelays;
import dev.minisched.scenarios.config.ConfigFile;
import dev.minisched.scenarios.config.Configurable;
import dev.minisched.scenarios.config.ExtensionPoint;
import dev.minisched.scenarios.config.Profile;
import dev.minisched.scenarios.config.ProfileYaml;
import org.junit.jupiter.api.Test;

/**
 * From stage 6 on, the toy NodeNumber is off in the default profile at every extension point: it
 * would pull a pod named podN to nodeN, and hold it N seconds, in a real cluster too. The
 * scenarios that teach it turn it on with their own profile: node-number its score, permit-delays
 * its delay, after Coscheduling as in stage 5.
 */
class DefaultProfileTest {
  private final Configurable stage = Scheduler.configurable(Registry.inTree());

  @Test
  void nodeNumbersPermitIsOffByDefault() {
    Profile defaults = stage.defaultProfile();
    assertThat(defaults.enabled(QUEUE_SORT)).containsExactly("PrioritySort");
    assertThat(defaults.enabled(RESERVE)).containsExactly("Coscheduling");
    assertThat(defaults.enabled(PERMIT)).containsExactly("Coscheduling");
  }

  @Test
  void nodeNumberIsOffAtEveryPoint() {
    Profile defaults = stage.defaultProfile();
    for (ExtensionPoint point : ExtensionPoint.run()) {
      assertThat(defaults.enabled(point)).as(point.fieldName()).doesNotContain("NodeNumber");
    }
    assertThat(ProfileYaml.print(Main.STAGE.module(), stage.defaults(), "minisched")).doesNotContain("NodeNumber"); // --print-config
  }

  @Test
  void theNodeNumberScenarioTurnsOnItsScoreButNotItsDelay() {
    Profile profile = ConfigFile.parse("node-number", NodeNumberMatch.PROFILE, Main.STAGE.module(), stage).profile();
    assertThat(profile.enabled(PRE_SCORE)).contains("NodeNumber");
    assertThat(profile.enabled(SCORE)).contains("NodeNumber");
    assertThat(profile.weight("NodeNumber")).isEqualTo(1);
    assertThat(profile.enabled(PERMIT)).containsExactly("Coscheduling");
  }

  @Test
  void thePermitDelaysScenarioTurnsItOn() {
    String own = new PermitDelays().configuration().orElseThrow();
    Profile profile = ConfigFile.parse("permit-delays", own, Main.STAGE.module(), stage).profile();
    assertThat(profile.enabled(PERMIT)).containsExactly("Coscheduling", "NodeNumber");
    assertThat(stage.scheduler().apply(profile)).isNotNull(); // its plugins are made without complaint
  }
}
