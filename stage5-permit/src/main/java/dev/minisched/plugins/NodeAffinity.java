package dev.minisched.plugins;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.FilterPlugin;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.NodeScore;
import dev.minisched.framework.PreScorePlugin;
import dev.minisched.framework.ScoreExtensions;
import dev.minisched.framework.ScorePlugin;
import dev.minisched.framework.ScoreResult;
import dev.minisched.framework.Status;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PreferredSchedulingTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a pod on the nodes it asks for: every label of its {@code nodeSelector}, and at least one
 * term of its required node affinity ({@code requiredDuringSchedulingIgnoredDuringExecution}),
 * must match the node. Upstream: plugins/nodeaffinity (Filter; the preferred terms are scored in
 * stage 3).
 *
 * <p>Upstream's PreFilter also narrows the nodes to those a {@code metadata.name} field term names
 * and rejects terms that contradict each other before any node is looked at. minisched has no
 * PreFilter: the same pods are rejected here, node by node, with this plugin's one reason.
 *
 * <p>Score: the sum of the weights (1..100) of the pod's preferred terms
 * ({@code preferredDuringSchedulingIgnoredDuringExecution}) that the node matches; NormalizeScore
 * scales the sums so the best node gets 100. A pod without preferred terms scores 0 everywhere.
 * Default weight 2.
 *
 * <p>PreScore collects the pod's preferred terms once per cycle and leaves them in the CycleState;
 * a pod without any returns Skip, and Score does not run for it. Like upstream, Score collects
 * the terms itself when they are missing, so the result never depends on whether PreScore ran.
 */
public final class NodeAffinity implements FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions {
  public static final String NAME = "NodeAffinity";
  /** Upstream's ErrReasonPod. */
  public static final String REASON = "node(s) didn't match Pod's node affinity/selector";
  /** Upstream's preScoreStateKey: "PreScore" + the plugin's name. */
  static final CycleState.Key<PreScoreState> PRE_SCORE_STATE =
      new CycleState.Key<>("PreScore" + NAME, PreScoreState.class);

  /** What PreScore computes once per cycle: the pod's preferred terms that can count. */
  record PreScoreState(List<V1PreferredSchedulingTerm> preferredTerms) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    if (matchesRequired(pod, nodeInfo.node())) {
      return Status.SUCCESS;
    }
    // Unresolvable: the node's labels do not change by preempting pods.
    return Status.unschedulableAndUnresolvable(REASON);
  }

  @Override
  public Status preScore(CycleState state, V1Pod pod, List<NodeInfo> nodes) {
    Optional<String> malformed = preferredTermsError(pod);
    if (malformed.isPresent()) {
      return Status.error(malformed.get());
    }
    List<V1PreferredSchedulingTerm> terms = preferredTerms(pod);
    if (terms.isEmpty()) {
      return Status.skip();
    }
    state.write(PRE_SCORE_STATE, new PreScoreState(terms));
    return Status.SUCCESS;
  }

  @Override
  public ScoreResult score(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    List<V1PreferredSchedulingTerm> terms = state.read(PRE_SCORE_STATE).map(PreScoreState::preferredTerms).orElse(null);
    if (terms == null) { // PreScore did not run: upstream works them out here
      Optional<String> malformed = preferredTermsError(pod);
      if (malformed.isPresent()) {
        return ScoreResult.error(malformed.get());
      }
      terms = preferredTerms(pod);
    }
    return ScoreResult.of(preferredScore(terms, nodeInfo.node()));
  }

  @Override
  public Optional<ScoreExtensions> scoreExtensions() {
    return Optional.of(this);
  }

  @Override
  public Status normalizeScore(CycleState state, V1Pod pod, List<NodeScore> scores) {
    ScoreExtensions.defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
    return Status.SUCCESS;
  }

  /**
   * The pod's preferred terms that can count: upstream's NewPreferredSchedulingTerms leaves out
   * terms of weight 0 (the API allows 1..100). A term with no expressions stays, and matches no
   * node ({@link NodeSelectors#matches}).
   */
  static List<V1PreferredSchedulingTerm> preferredTerms(V1Pod pod) {
    V1Affinity affinity = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
    List<V1PreferredSchedulingTerm> terms = affinity == null || affinity.getNodeAffinity() == null
        ? null : affinity.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
    if (terms == null) {
      return List.of();
    }
    return terms.stream()
        .filter(t -> t.getWeight() != null && t.getWeight() != 0 && t.getPreference() != null)
        .toList();
  }

  /**
   * Upstream parses the pod's preferred terms before they count (getPodPreferredNodeAffinity →
   * component-helpers' NewPreferredSchedulingTerms), and a term that does not parse is an error
   * for the pod's scoring, not a term that matches no node: e.g. Gt with the value "abc", which
   * the API server accepts. Terms of weight 0 and terms without expressions are left out first,
   * as there; {@code [i]} in the message is the term's place in the pod's list.
   *
   * @return upstream's error message, if any term does not parse
   */
  static Optional<String> preferredTermsError(V1Pod pod) {
    V1Affinity affinity = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
    List<V1PreferredSchedulingTerm> terms = affinity == null || affinity.getNodeAffinity() == null
        ? null : affinity.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
    List<String> errors = new ArrayList<>();
    for (int i = 0; terms != null && i < terms.size(); i++) {
      V1PreferredSchedulingTerm term = terms.get(i);
      if (term.getWeight() != null && term.getWeight() != 0 && term.getPreference() != null) {
        errors.addAll(NodeSelectors.parseErrors(term.getPreference(), "[" + i + "]"));
      }
    }
    return errors.isEmpty() ? Optional.empty() : Optional.of(NodeSelectors.aggregate(errors));
  }

  /** Upstream's PreferredSchedulingTerms.Score: the weights of the terms the node matches, summed. */
  static long preferredScore(List<V1PreferredSchedulingTerm> terms, V1Node node) {
    long sum = 0;
    for (V1PreferredSchedulingTerm term : terms) {
      if (NodeSelectors.matches(term.getPreference(), node)) {
        sum += term.getWeight();
      }
    }
    return sum;
  }

  /** Upstream's RequiredNodeAffinity.Match: the nodeSelector, and the required terms if there are any. */
  static boolean matchesRequired(V1Pod pod, V1Node node) {
    if (pod.getSpec() == null) {
      return true;
    }
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    if (selector != null && !selector.isEmpty()) {
      Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
      for (Map.Entry<String, String> wanted : selector.entrySet()) {
        if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
          return false;
        }
      }
    }
    V1Affinity affinity = pod.getSpec().getAffinity();
    V1NodeSelector required = affinity == null || affinity.getNodeAffinity() == null
        ? null : affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    return required == null || NodeSelectors.matchesAnyTerm(required.getNodeSelectorTerms(), node);
  }
}
