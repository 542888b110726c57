package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 5, gang scheduling (Coscheduling): three 1-cpu pods of group "gang", at least 3 to go,
 * created a second apart; node-a has room for all three. gang-a and gang-b get their place and
 * wait at Permit; when gang-c gets its place the group is complete and all three are bound at
 * once. (No digits at the ends of names: NodeNumber neither scores nor holds anything here.)
 */
public final class GangFits implements Scenario {
  @Override
  public String name() {
    return "gang-fits";
  }

  @Override
  public String description() {
    return "a group of 3 pods with room for 3: the first two wait at permit, then all are bound together (stage 5)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNode(node("node-a").capacity("cpu", "3"));
    for (String name : new String[] {"gang-a", "gang-b", "gang-c"}) {
      cluster.createPod(pod(name).requests("cpu", "1").podGroup("gang", 3));
      cluster.mark(name + " created");
      cluster.pause(Duration.ofSeconds(1));
    }
    cluster.awaitAllBound(Duration.ofSeconds(30));
    cluster.mark("all bound");
  }
}
