package dev.minisched.scenarios;

import dev.minisched.scenarios.catalog.AssumeBeforeBind;
import dev.minisched.scenarios.catalog.DrainLabel;
import dev.minisched.scenarios.catalog.FilterReasons;
import dev.minisched.scenarios.catalog.GangFits;
import dev.minisched.scenarios.catalog.GangWaitsForRoom;
import dev.minisched.scenarios.catalog.InsufficientCpu;
import dev.minisched.scenarios.catalog.LeastAllocatedSpread;
import dev.minisched.scenarios.catalog.NoSuchResource;
import dev.minisched.scenarios.catalog.NodeAppears;
import dev.minisched.scenarios.catalog.NodeMadeSchedulable;
import dev.minisched.scenarios.catalog.NodeNumberMatch;
import dev.minisched.scenarios.catalog.NothingFits;
import dev.minisched.scenarios.catalog.OneSchedulableNode;
import dev.minisched.scenarios.catalog.PermitDelays;
import dev.minisched.scenarios.catalog.PodDeletedFreesRoom;
import dev.minisched.scenarios.catalog.PriorityJumpsTheQueue;
import dev.minisched.scenarios.catalog.RandomSpread;
import dev.minisched.scenarios.catalog.TaintedGpuNode;
import dev.minisched.scenarios.catalog.WeightChange;
import dev.minisched.scenarios.catalog.YamlManifest;
import dev.minisched.scenarios.catalog.ZoneSelector;
import java.util.List;
import java.util.stream.Collectors;

/** Every scenario there is, in the order of the stages that introduce them. */
public final class Scenarios {
  public static final List<Scenario> ALL = List.of(
      new RandomSpread(),
      new OneSchedulableNode(),
      new FilterReasons(),
      new NothingFits(),
      new InsufficientCpu(),
      new TaintedGpuNode(),
      new ZoneSelector(),
      new NoSuchResource(),
      new YamlManifest(),
      new NodeNumberMatch(),
      new LeastAllocatedSpread(),
      new WeightChange(),
      new DrainLabel(),
      new PermitDelays(),
      new AssumeBeforeBind(),
      new GangFits(),
      new GangWaitsForRoom(),
      new NodeMadeSchedulable(),
      new PriorityJumpsTheQueue(),
      new NodeAppears(),
      new PodDeletedFreesRoom());

  private Scenarios() {}

  /** The scenario of that name; none: a {@link UserError} naming the nearest name, as a setting's typo gets. */
  public static Scenario byName(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new UserError("there is no scenario named '" + name + "'; did you mean "
            + Settings.closest(name, ALL.stream().map(Scenario::name).toList()) + "? "
            + "Choose one with -Dminisched.scenario=NAME; the scenarios are:\n" + listing()));
  }

  /** One line per scenario: its name, then what it shows. */
  public static String listing() {
    int width = ALL.stream().mapToInt(s -> s.name().length()).max().orElse(0);
    return ALL.stream()
        .map(s -> String.format("  %-" + width + "s  %s", s.name(), s.description()))
        .collect(Collectors.joining("\n"));
  }
}
