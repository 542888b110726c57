package dev.minisched.example;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.FilterPlugin;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.Status;
import dev.minisched.scenarios.config.PluginArgs;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Map;

/**
 * A plugin of your own, the README's example: keeps pods off nodes that carry a label, say nodes
 * about to be drained. It is not in the stage's in-tree registry; a test registers it
 * ({@code Registry.inTree().with(RejectLabelled.NAME, RejectLabelled::fromArgs)}) and a profile
 * enables it. Its one arg, {@code label}, names the label key (default {@value #DEFAULT_LABEL}).
 */
public final class RejectLabelled implements FilterPlugin {
  public static final String NAME = "RejectLabelled";
  static final String DEFAULT_LABEL = "example.com/draining";

  private final String label;

  public RejectLabelled(String label) {
    this.label = label;
  }

  /** Its factory for the registry: reads the args a profile's pluginConfig gives it. */
  public static RejectLabelled fromArgs(PluginArgs args) {
    String label = args.string("label", DEFAULT_LABEL);
    if (label.isBlank()) {
      throw args.invalid("label", "must name a label key");
    }
    args.done(); // any other field is a mistake: say so, with its path in the file
    return new RejectLabelled(label);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) {
    Map<String, String> labels = nodeInfo.node().getMetadata().getLabels();
    if (labels != null && labels.containsKey(label)) {
      // The reason is counted in the FitError: "1 node(s) had label example.com/draining".
      return Status.unschedulableAndUnresolvable("node(s) had label " + label);
    }
    return Status.SUCCESS;
  }
}
