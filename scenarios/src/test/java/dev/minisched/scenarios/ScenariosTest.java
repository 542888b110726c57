package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
        .hasMessageContaining("there is no scenario named 'no-such-thing'; did you mean ")
        .hasMessageContaining("-Dminisched.scenario=NAME")
        .hasMessageContaining("random-spread")
        .hasMessageContaining("node-appears");
  }

  @Test
  void aTypoIsAskedAboutAsASettingsTypoIs() {
    assertThatThrownBy(() -> Scenarios.byName("node-numbr"))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("there is no scenario named 'node-numbr'; did you mean node-number? ");
  }

  @Test
  void listShowsEveryScenarioOnALineOfItsOwnWithItsDescription() {
    Stage stage = new Stage("stage2-filter", "filter-reasons", (client, name) -> () -> {});
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = ScenarioRunner.commandLine(stage, new String[] {"--list"}, Settings.with(Map.of()));
    } finally {
      System.setOut(original);
    }
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(exit).isZero();
    assertThat(output).contains("the scenario (default filter-reasons)");
    List<String> lines = output.lines().toList();
    for (Scenario scenario : Scenarios.ALL) {
      assertThat(lines).as(scenario.name())
          .anySatisfy(line -> assertThat(line).matches("  " + scenario.name() + " +" + Pattern.quote(scenario.description())));
    }
    // Descriptions start in one column, however long the names.
    assertThat(Scenarios.ALL.stream().map(s -> lines.stream().filter(l -> l.startsWith("  " + s.name() + " "))
        .findFirst().orElseThrow().indexOf(s.description())).distinct()).hasSize(1);
  }

  @Test
  void newScenariosAreListed() {
    assertThat(Scenarios.ALL).extracting(Scenario::name).contains(
        "filter-reasons", "insufficient-cpu", "tainted-gpu-node", "zone-selector", "no-such-resource",
        "least-allocated", "weight-change", "pod-deleted-frees-room", "yaml-manifest");
  }
}
