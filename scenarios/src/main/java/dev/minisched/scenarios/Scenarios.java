package dev.minisched.scenarios;

import dev.minisched.scenarios.catalog.NodeAppears;
import dev.minisched.scenarios.catalog.NodeMadeSchedulable;
import dev.minisched.scenarios.catalog.NodeNumberMatch;
import dev.minisched.scenarios.catalog.NothingFits;
import dev.minisched.scenarios.catalog.OneSchedulableNode;
import dev.minisched.scenarios.catalog.PermitDelays;
import dev.minisched.scenarios.catalog.PriorityJumpsTheQueue;
import dev.minisched.scenarios.catalog.RandomSpread;
import java.util.List;
import java.util.stream.Collectors;

/** Every scenario there is, in the order of the stages that introduce them. */
public final class Scenarios {
  public static final List<Scenario> ALL = List.of(
      new RandomSpread(),
      new OneSchedulableNode(),
      new NothingFits(),
      new NodeNumberMatch(),
      new PermitDelays(),
      new NodeMadeSchedulable(),
      new PriorityJumpsTheQueue(),
      new NodeAppears());

  private Scenarios() {}

  public static Scenario byName(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new UserError("there is no scenario named '" + name + "'. "
            + "Choose one with -Dminisched.scenario=NAME; the scenarios are:\n" + listing()));
  }

  public static String listing() {
    return ALL.stream()
        .map(s -> String.format("  %-22s %s", s.name(), s.description()))
        .collect(Collectors.joining("\n"));
  }
}
