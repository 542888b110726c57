package dev.minisched.scenarios.catalog;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Nodes and pods written as YAML, for what NodeTemplate and PodTemplate cannot say: here a pod
 * whose required node affinity has two terms, of which either may hold (zone-a, or any node with
 * an SSD). Of the three nodes only node-b1 meets neither, so the pods land on node-a1 or node-c1.
 */
public final class YamlManifest implements Scenario {
  @Override
  public String name() {
    return "yaml-manifest";
  }

  @Override
  public String description() {
    return "nodes and pods from YAML (Cluster.apply): affinity with two terms, either may hold (stage 2)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.apply("""
        apiVersion: v1
        kind: Node
        metadata:
          name: node-a1
          labels: {topology.kubernetes.io/zone: zone-a}
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: node-b1
          labels: {topology.kubernetes.io/zone: zone-b}
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: node-c1
          labels: {topology.kubernetes.io/zone: zone-c, disk: ssd}
        status:
          capacity: {cpu: "8", memory: 32Gi, pods: "110"}
        """);
    cluster.mark("nodes created");
    for (int i = 1; i <= 4; i++) {
      cluster.apply("""
          apiVersion: v1
          kind: Pod
          metadata:
            name: pod%d
          spec:
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                  - matchExpressions:
                    - {key: topology.kubernetes.io/zone, operator: In, values: [zone-a]}
                  - matchExpressions:
                    - {key: disk, operator: In, values: [ssd]}
            containers:
            - name: main
              image: registry.k8s.io/pause:3.10
              resources:
                requests: {cpu: 500m}
          """.formatted(i));
    }
    cluster.mark("pods created");
    cluster.awaitAllBound(Duration.ofSeconds(30));
    cluster.mark("all pods bound");
  }
}
