package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.Settings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the binaries backend finds its programs, envtest-style: a directory from
 * {@code -Dminisched.binaries.dir} or {@code KUBEBUILDER_ASSETS} (what {@code setup-envtest use -p
 * path} prints) holding {@code kube-apiserver} and {@code etcd}; etcd may also come from PATH.
 */
record Binaries(Path apiServer, Path etcd, String source) {
  static final String DIR_SETTING = "binaries.dir";
  static final String ENVTEST_VARIABLE = "KUBEBUILDER_ASSETS";

  static Binaries locate(Settings settings) {
    Optional<String> fromSetting = settings.get(DIR_SETTING);
    String source = fromSetting.isPresent() ? "-D" + Settings.property(DIR_SETTING) : ENVTEST_VARIABLE;
    String dirName = fromSetting.or(() -> settings.foreignEnv(ENVTEST_VARIABLE)).orElseThrow(() ->
        Backend.BINARIES.cannotStart("no directory with kube-apiserver and etcd is set. Set -D"
            + Settings.property(DIR_SETTING) + "=DIR or " + ENVTEST_VARIABLE + "=DIR."));
    Path dir = Path.of(dirName);
    if (!Files.isDirectory(dir)) {
      throw Backend.BINARIES.cannotStart(dir + " (from " + source + ") is not a directory.");
    }
    Path apiServer = dir.resolve("kube-apiserver");
    if (!Files.isExecutable(apiServer)) {
      throw Backend.BINARIES.cannotStart(dir + " (from " + source + ") has no executable kube-apiserver.");
    }
    Path etcd = Optional.of(dir.resolve("etcd")).filter(Files::isExecutable).or(() -> onPath("etcd"))
        .orElseThrow(() -> Backend.BINARIES.cannotStart(
            "no executable etcd in " + dir + " (from " + source + ") nor on the PATH."));
    return new Binaries(apiServer, etcd, dir.toString());
  }

  private static Optional<Path> onPath(String program) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isEmpty())
        .map(s -> Path.of(s, program)).filter(Files::isExecutable).findFirst();
  }
}
