package dev.minisched.scenarios.catalog;

import static dev.minisched.scenarios.NodeTemplate.node;
import static dev.minisched.scenarios.PodTemplate.pod;

import dev.minisched.scenarios.Cluster;
import dev.minisched.scenarios.Scenario;
import java.time.Duration;

/**
 * Stage 2, TaintToleration: the GPU node is tainted, as GPU nodes usually are, so that only pods
 * that tolerate the taint may land there; the pods that want its GPUs tolerate it and request one
 * ({@code nvidia.com/gpu}, an extended resource only that node has). The web pods land on the
 * two plain nodes. A pod that requests a GPU but does not tolerate the taint fits nowhere: one
 * node has an untolerated taint, the others have no GPU.
 */
public final class TaintedGpuNode implements Scenario {
  public static final String GPU_NODE = "gpu0";
  public static final String INTOLERANT_POD = "gpu-no-toleration";

  @Override
  public String name() {
    return "tainted-gpu-node";
  }

  @Override
  public String description() {
    return "gpu0 tainted: only pods that tolerate it land there; web pods go elsewhere (stage 2)";
  }

  @Override
  public void run(Cluster cluster) {
    cluster.createNode(node(GPU_NODE).capacity("nvidia.com/gpu", "2")
        .taint("nvidia.com/gpu", "present", "NoSchedule"));
    cluster.createNodes(0, 1, i -> node("cpu" + i));
    cluster.mark("nodes created");
    cluster.createPods(1, 2, i -> pod("train" + i).requests("nvidia.com/gpu", "1")
        .tolerate("nvidia.com/gpu", "present", "NoSchedule"));
    cluster.createPods(1, 4, i -> pod("web" + i).requests("cpu", "500m"));
    cluster.mark("pods created");
    cluster.awaitAllBound(Duration.ofSeconds(30));
    cluster.mark("all pods bound");
    cluster.createPod(pod(INTOLERANT_POD).requests("nvidia.com/gpu", "1"));
    cluster.awaitFailedScheduling(INTOLERANT_POD, Duration.ofSeconds(30)); // why: the scheduler's line, the report
  }
}
