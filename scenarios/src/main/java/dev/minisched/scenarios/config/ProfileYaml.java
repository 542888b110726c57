package dev.minisched.scenarios.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a stage's default profile as a v1 KubeSchedulerConfiguration a learner can copy and edit:
 * each point that has plugins disables the defaults ({@code "*"}), so the file says exactly what
 * runs, and every edit to it counts.
 */
public final class ProfileYaml {
  private ProfileYaml() {}

  public static String print(String module, KubeSchedulerProfile profile, String schedulerName) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("apiVersion", ConfigFile.V1);
    document.put("kind", "KubeSchedulerConfiguration");
    Map<String, Object> written = new LinkedHashMap<>();
    written.put("schedulerName", schedulerName);
    Map<String, Object> plugins = new LinkedHashMap<>();
    List<ExtensionPoint> points = new ArrayList<>(List.of(ExtensionPoint.MULTI_POINT)); // how upstream writes its defaults
    points.addAll(ExtensionPoint.run());
    for (ExtensionPoint point : points) {
      PluginSet set = profile.plugins(point);
      if (set.isEmpty()) {
        continue;
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      List<Object> disabled = new ArrayList<>();
      if (!set.enabled().isEmpty()) {
        disabled.add(Map.of("name", "*"));
      }
      set.disabled().forEach(name -> disabled.add(Map.of("name", name)));
      entry.put("disabled", disabled);
      if (!set.enabled().isEmpty()) {
        List<Object> enabled = new ArrayList<>();
        for (PluginRef plugin : set.enabled()) {
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("name", plugin.name());
          if (plugin.weight() != 0) {
            p.put("weight", plugin.weight());
          }
          enabled.add(p);
        }
        entry.put("enabled", enabled);
      }
      plugins.put(point.fieldName(), entry);
    }
    if (!plugins.isEmpty()) {
      written.put("plugins", plugins);
    }
    if (!profile.pluginConfig().isEmpty()) {
      List<Object> configs = new ArrayList<>();
      profile.pluginConfig().forEach((name, args) -> {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("args", args.fields());
        configs.add(c);
      });
      written.put("pluginConfig", configs);
    }
    document.put("profiles", List.of(written));
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    return "# " + module + "'s default profile. Save it, edit it, and run with -Dminisched.config=FILE.\n"
        + "# \"*\" disables the defaults at a point, so this file says exactly what runs.\n"
        + new Yaml(options).dump(document);
  }
}
