package dev.minisched;

import static dev.minisched.scenarios.config.ExtensionPoint.PERMIT;
import static dev.minisched.scenarios.config.ExtensionPoint.RESERVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.plugins.Registry;
import dev.minisched.scenarios.catalog.PermitDelays;
import dev.minisched.scenarios.config.ConfigFile;
import dev.minisched.scenarios.config.Configurable;
import dev.minisched.scenarios.config.Profile;
import org.junit.jupiter.api.Test;

/** Stage 5's lesson is on by default: Coscheduling, then NodeNumber's toy delay, at Permit. */
class DefaultProfileTest {
  private final Configurable stage = Scheduler.configurable(Registry.inTree());

  @Test
  void nodeNumbersPermitIsOnByDefault() {
    Profile defaults = stage.defaultProfile();
    assertThat(defaults.enabled(RESERVE)).containsExactly("Coscheduling");
    assertThat(defaults.enabled(PERMIT)).containsExactly("Coscheduling", "NodeNumber");
  }

  @Test
  void thePermitDelaysScenariosOwnProfileChangesNothingHere() {
    String own = new PermitDelays().configuration().orElseThrow();
    Profile profile = ConfigFile.parse("permit-delays", own, Main.STAGE.module(), stage).profile();
    assertThat(profile.plugins()).isEqualTo(stage.defaultProfile().plugins());
  }
}
