package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 5, the assumed pod: node3 has room for one 1-cpu pod, and NodeNumber's permit holds a
 * pod bound for node3 for 3 s. pod-first is chosen for node3 and waits, not yet bound; pod-second
 * comes while it waits. The API server does not know pod-first is going there — only the
 * scheduler's cache does, because it assumed the pod there when it chose the node. So pod-second
 * stays pending with "Insufficient cpu" instead of being sent to the same room.
 * (The pods' names end in no digit, so NodeNumber scores nothing; only the node's digit counts.)
 */
public final class AssumeBeforeBind implements Scenario {
  @Override
  public String name() {
    return "assume-before-bind";
  }

  @Override
  public String description() {
    return "room for one pod, the first held 3 s at permit: the second stays pending, Insufficient cpu (stage 5)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNode(node("node3").capacity("cpu", "1"));
    cluster.createPod(pod("pod-first").requests("cpu", "1"));
    cluster.mark("pod-first created");
    cluster.pause(Duration.ofMillis(500)); // pod-first is assumed on node3 and waits at permit
    cluster.createPod(pod("pod-second").requests("cpu", "1"));
    cluster.mark("pod-second created");
    cluster.awaitFailedScheduling("pod-second", Duration.ofSeconds(15)); // why: the scheduler's line, the report
    cluster.mark("pod-second failed");
    cluster.awaitBound("pod-first", Duration.ofSeconds(15));
    cluster.mark("pod-first bound");
  }
}
