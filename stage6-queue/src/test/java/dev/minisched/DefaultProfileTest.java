package dev.minisched;

import static dev.minisched.scenarios.config.ExtensionPoint.PERMIT;
import static dev.minisched.scenarios.config.ExtensionPoint.QUEUE_SORT;
import static dev.minisched.scenarios.config.ExtensionPoint.RESERVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.plugins.Registry;
import dev.minisched.scenarios.catalog.PermitDelays;
import dev.minisched.scenarios.config.ConfigFile;
import dev.minisched.scenarios.config.Configurable;
import dev.minisched.scenarios.config.Profile;
import org.junit.jupiter.api.Test;

/**
 * From stage 6 on, NodeNumber's toy permit delay is off in the default profile; the permit-delays
 * scenario's own profile turns it on again, after Coscheduling as in stage 5.
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
  void thePermitDelaysScenarioTurnsItOn() {
    String own = new PermitDelays().configuration().orElseThrow();
    Profile profile = ConfigFile.parse("permit-delays", own, Main.STAGE.module(), stage).profile();
    assertThat(profile.enabled(PERMIT)).containsExactly("Coscheduling", "NodeNumber");
    assertThat(stage.scheduler().apply(profile)).isNotNull(); // its plugins are made without complaint
  }
}
