package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenariosTest {
  @Test
  void namesAreUniqueAndLowerCaseWithDashes() {
    assertThat(Scenarios.ALL).extracting(Scenario::name).doesNotHaveDuplicates()
        .allMatch(name -> name.matches("[a-z0-9]+(-[a-z0-9]+)*"));
  }

  @Test
  void findsByName() {
    assertThat(Scenarios.byName("node-appears").name()).isEqualTo("node-appears");
  }

  @Test
  void unknownNameListsTheValidOnes() {
    assertThatThrownBy(() -> Scenarios.byName("no-such-thing"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("there is no scenario named 'no-such-thing'")
        .hasMessageContaining("-Dminisched.scenario=NAME")
        .hasMessageContaining("random-spread")
        .hasMessageContaining("node-appears");
  }
}
