package dev.minisched.plugins;

import dev.minisched.framework.Code;
import dev.minisched.framework.CycleState;
import dev.minisched.framework.FilterPlugin;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.PodRequests;
import dev.minisched.framework.PreScorePlugin;
import dev.minisched.framework.Resource;
import dev.minisched.framework.ScorePlugin;
import dev.minisched.framework.ScoreResult;
import dev.minisched.framework.Status;
import dev.minisched.scenarios.config.PluginArgs;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps a pod off nodes that lack room for it: the node's allocatable minus what the pods already
 * on it request must cover what this pod requests, for cpu, memory, ephemeral-storage and every
 * extended resource it asks for; and the node must take one more pod. Upstream:
 * plugins/noderesources/fit.go (Filter; its scoring is stage 3's).
 *
 * <p>Requests, not usage, are counted: a node full of idle pods that asked for all its cpu is
 * full. A resource the pod does not request is not checked, even on an overcommitted node.
 *
 * <p>Score: upstream's default scoring strategy, {@link LeastAllocated} over cpu and memory with
 * weight 1 each: the more room a node would have left, the higher, so pods spread out. A container
 * without a cpu or memory request counts as 100m cpu and 200Mi memory here. The scores are already
 * in 0..100: no normalization. Default weight 1.
 *
 * <p>PreScore works out the pod's requests once per cycle and leaves them in the CycleState;
 * Score reads them for every node. Like upstream, Score still computes them itself when they are
 * missing (a profile may disable PreScore), so the result never depends on whether PreScore ran.
 */
public final class NodeResourcesFit implements FilterPlugin, PreScorePlugin, ScorePlugin {
  public static final String NAME = "NodeResourcesFit";
  /** Upstream's reason when the node already holds {@code allocatable.pods} pods. */
  public static final String TOO_MANY_PODS = "Too many pods";

  /**
   * Upstream computes the pod's requests once per cycle in PreFilter and Filter reads them from
   * the CycleState. minisched has no PreFilter extension point, so the first Filter call of a
   * cycle computes them and leaves them in the CycleState for the other nodes. Filter runs for
   * many nodes at once (stage 3's parallel workers): two first calls may both compute them, and
   * both write the same value.
   */
  private static final CycleState.Key<Resource> POD_REQUESTS =
      new CycleState.Key<>("PreFilter" + NAME, Resource.class);

  /** Upstream's preScoreStateKey: "PreScore" + the plugin's name. */
  static final CycleState.Key<PreScoreState> PRE_SCORE_STATE =
      new CycleState.Key<>("PreScore" + NAME, PreScoreState.class);

  /** What PreScore computes once per cycle: the pod's request of each scored resource. */
  record PreScoreState(long[] podRequests) {}

  private final ResourceAllocationScorer scorer;

  public NodeResourcesFit() {
    this(ResourceSpec.CPU_AND_MEMORY);
  }

  /** With other resources or weights for the score, as upstream's scoringStrategy.resources. */
  public NodeResourcesFit(List<ResourceSpec> scoringResources) {
    this(scoringResources, LeastAllocated.formula(scoringResources));
  }

  /** With another scoring strategy: {@link LeastAllocated}'s or {@link MostAllocated}'s formula. */
  NodeResourcesFit(List<ResourceSpec> scoringResources, ResourceAllocationScorer.Formula strategy) {
    this.scorer = new ResourceAllocationScorer(scoringResources, false, strategy);
  }

  /**
   * The plugin as a profile's args configure it. Upstream's NodeResourcesFitArgs: the
   * {@code scoringStrategy}'s {@code type} (LeastAllocated, upstream's default, or MostAllocated)
   * and its {@code resources}, each with a weight in 1..100 (absent or 0: 1).
   */
  public static NodeResourcesFit fromArgs(PluginArgs args) {
    for (String notYet : List.of("ignoredResources", "ignoredResourceGroups")) {
      if (args.has(notYet)) {
        throw args.invalid(notYet, "not in minisched yet");
      }
    }
    PluginArgs strategy = args.object("scoringStrategy");
    String type = strategy.string("type", "LeastAllocated");
    if (type.equals("RequestedToCapacityRatio")) {
      throw strategy.invalid("type", "\"" + type + "\" is upstream's, but not in minisched yet; "
          + "minisched has LeastAllocated and MostAllocated");
    } else if (!type.equals("LeastAllocated") && !type.equals("MostAllocated")) {
      throw strategy.invalid("type", "Unsupported value: \"" + type
          + "\": supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\"");
    }
    if (strategy.has("requestedToCapacityRatio")) {
      throw strategy.invalid("requestedToCapacityRatio", "only for type RequestedToCapacityRatio, which is not in minisched yet");
    }
    List<ResourceSpec> resources = new ArrayList<>();
    for (PluginArgs resource : strategy.objects("resources")) {
      String name = resource.string("name", "");
      if (name.isEmpty()) {
        throw resource.invalid("name", "Required value");
      }
      long weight = resource.integer("weight", 1);
      if (weight == 0) {
        weight = 1; // upstream's defaulting
      }
      if (weight < 0 || weight > 100) {
        throw resource.invalid("weight", "resource weight of " + name + " not in valid range (0, 100]: " + weight);
      }
      resource.done();
      resources.add(new ResourceSpec(name, weight));
    }
    strategy.done();
    args.done();
    List<ResourceSpec> scored = resources.isEmpty() ? ResourceSpec.CPU_AND_MEMORY : resources;
    return new NodeResourcesFit(scored,
        type.equals("MostAllocated") ? MostAllocated.formula(scored) : LeastAllocated.formula(scored));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    Resource podRequest = state.read(POD_REQUESTS).orElse(null);
    if (podRequest == null) {
      podRequest = PodRequests.of(pod);
      state.write(POD_REQUESTS, podRequest);
    }
    List<String> insufficient = insufficientResources(podRequest, nodeInfo);
    if (insufficient.isEmpty()) {
      return Status.SUCCESS;
    }
    // Unschedulable, not unresolvable: removing pods from the node (preemption) could make room.
    // Every missing resource is a reason of its own, and the FitError counts each.
    return new Status(Code.UNSCHEDULABLE, insufficient, null);
  }

  @Override
  public Status preScore(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
    state.write(PRE_SCORE_STATE, new PreScoreState(scorer.podRequests(pod)));
    return Status.SUCCESS;
  }

  @Override
  public ScoreResult score(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    long[] podRequests = state.read(PRE_SCORE_STATE).map(PreScoreState::podRequests).orElse(null);
    if (podRequests == null) { // PreScore did not run: upstream works them out here
      podRequests = scorer.podRequests(pod);
    }
    return ScoreResult.of(scorer.score(nodeInfo, podRequests));
  }

  /**
   * The reasons the pod does not fit, in upstream's order: pods, cpu, memory, ephemeral-storage,
   * then the scalar resources (by name; upstream's order there is a Go map's). Empty if it fits.
   */
  static List<String> insufficientResources(Resource podRequest, NodeInfo nodeInfo) {
    List<String> reasons = new ArrayList<>(4);
    Resource allocatable = nodeInfo.allocatable();
    Resource requested = nodeInfo.requested();
    if (nodeInfo.pods().size() + 1 > allocatable.allowedPodNumber()) {
      reasons.add(TOO_MANY_PODS);
    }
    if (podRequest.milliCpu() == 0 && podRequest.memory() == 0 && podRequest.ephemeralStorage() == 0
        && podRequest.scalarResources().isEmpty()) {
      return reasons; // asks for nothing but a place
    }
    if (podRequest.milliCpu() > 0 && podRequest.milliCpu() > allocatable.milliCpu() - requested.milliCpu()) {
      reasons.add("Insufficient cpu");
    }
    if (podRequest.memory() > 0 && podRequest.memory() > allocatable.memory() - requested.memory()) {
      reasons.add("Insufficient memory");
    }
    if (podRequest.ephemeralStorage() > 0
        && podRequest.ephemeralStorage() > allocatable.ephemeralStorage() - requested.ephemeralStorage()) {
      reasons.add("Insufficient ephemeral-storage");
    }
    for (Map.Entry<String, Long> scalar : podRequest.scalarResources().entrySet()) {
      String name = scalar.getKey();
      if (scalar.getValue() > allocatable.scalar(name) - requested.scalar(name)) {
        reasons.add("Insufficient " + name);
      }
    }
    return reasons;
  }
}
