package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 7, gang scheduling and cluster events: a group of three 1-cpu pods, room for two. Two
 * members get a place and wait at Permit for the third, which does not fit; after Coscheduling's
 * 10 s timeout they are rejected, their room is released, and all three wait in the queue. When
 * node-b is added, the event brings them back and the whole group is bound.
 */
public final class GangWaitsForRoom implements Scenario {
  @Override
  public String name() {
    return "gang-waits-for-room";
  }

  @Override
  public String description() {
    return "a group of 3 pods, room for 2: none bound; node-b is added and the whole group is bound (stage 7)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNode(node("node-a").capacity("cpu", "2"));
    cluster.createPods(0, 2, i -> pod("gang-" + (char) ('a' + i)).requests("cpu", "1").podGroup("gang", 3));
    cluster.mark("group created");
    cluster.awaitFailedScheduling("gang-c", Duration.ofSeconds(15));
    // Coscheduling's timeout: the two members with a place are rejected, and their room freed.
    cluster.awaitEvent("gang-a", "FailedScheduling", Duration.ofSeconds(20));
    cluster.mark("the waiting members timed out");
    cluster.createNode(node("node-b").capacity("cpu", "2"));
    cluster.mark("node-b added");
    cluster.awaitAllBound(Duration.ofSeconds(60));
    cluster.mark("all bound");
  }
}
