package dev.minisched.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.framework.CycleState;
import dev.minisched.framework.NodeInfo;
import dev.minisched.framework.Status;
import dev.minisched.scenarios.config.ConfigError;
import dev.minisched.scenarios.config.PluginArgs;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The unit test to copy for a plugin of your own: a node in, a status out; its args read or refused. */
class RejectLabelledTest {
  private static NodeInfo node(String name, Map<String, String> labels) {
    return new NodeInfo(new V1Node().metadata(new V1ObjectMeta().name(name).labels(labels)));
  }

  private static final V1Pod POD = new V1Pod().metadata(new V1ObjectMeta().name("pod1").namespace("default"));

  @Test
  void rejectsANodeWithTheLabelAndPassesOthers() {
    RejectLabelled plugin = RejectLabelled.fromArgs(PluginArgs.none(RejectLabelled.NAME));
    Status rejected = plugin.filter(new CycleState(), POD, node("node1", Map.of("example.com/draining", "")));
    assertThat(rejected.isRejected()).isTrue();
    assertThat(rejected.reasons()).containsExactly("node(s) had label example.com/draining");
    assertThat(plugin.filter(new CycleState(), POD, node("node2", Map.of("zone", "a"))).isSuccess()).isTrue();
  }

  @Test
  void theLabelComesFromItsArgs() {
    RejectLabelled plugin = RejectLabelled.fromArgs(PluginArgs.of(RejectLabelled.NAME, Map.of("label", "drain")));
    assertThat(plugin.filter(new CycleState(), POD, node("node1", Map.of("drain", "yes"))).isRejected()).isTrue();
    assertThat(plugin.filter(new CycleState(), POD, node("node2", Map.of("example.com/draining", ""))).isSuccess())
        .isTrue();
  }

  @Test
  void anUnknownArgIsAnErrorWithItsPath() {
    assertThatThrownBy(() -> RejectLabelled.fromArgs(PluginArgs.of(RejectLabelled.NAME, Map.of("lable", "x"))))
        .isInstanceOf(ConfigError.class)
        .hasMessage("test: pluginConfig[RejectLabelled].args.lable: unknown field; did you mean label?");
  }
}
