package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.minisched.scenarios.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Ctrl-C while the control plane is still starting — the slowest phase, when a learner is most
 * likely to give up. {@link RunnerMain} runs in a JVM that leads its own process group; as soon
 * as its control plane has started something, the test sends the group SIGINT, as a terminal
 * does, and checks that nothing of that run is left: no process, no temporary directory, no
 * container, no network.
 */
class CtrlCDuringStartIT {
  private static final Duration STARTED_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  Path scratch;
  private Process child;
  private final List<String> cleanups = new ArrayList<>();

  @AfterEach
  void killTheChildIfTheTestFailed() {
    if (child != null && child.isAlive()) {
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly();
    }
    // Without force: the name goes, the image (shared with every other run) stays.
    cleanups.forEach(name -> docker().removeImageCmd(name).exec());
  }

  /**
   * etcd is real; the kube-apiserver never becomes ready (a script that sleeps), so the JVM is
   * stuck in the readiness wait when Ctrl-C comes, with etcd, the "apiserver" and a directory.
   */
  @Test
  void binariesBackend() throws Exception {
    Path assets = Files.createDirectories(scratch.resolve("assets"));
    Files.createSymbolicLink(assets.resolve("etcd"), Binaries.locate(Settings.fromEnvironment()).etcd());
    Path apiServer = Files.writeString(assets.resolve("kube-apiserver"),
        "#!/bin/sh\ncase \"$1\" in --version) echo 'Kubernetes v1.20.2';; *) exec sleep 600;; esac\n");
    assertThat(apiServer.toFile().setExecutable(true)).isTrue();

    start(Map.of("KUBEBUILDER_ASSETS", assets.toString()), "-Dminisched.backend=binaries");
    await("etcd and the kube-apiserver started").atMost(STARTED_TIMEOUT)
        .failFast("the child exited", () -> !child.isAlive())
        .until(() -> child.descendants().anyMatch(p -> commandLine(p).contains("sleep 600"))
            && child.descendants().anyMatch(p -> commandLine(p).contains("--data-dir=")));
    List<ProcessHandle> processes = child.descendants().toList();
    Path dir = tempDirOf(child.pid(), "minisched-binaries-").orElseThrow();

    pressCtrlC();

    assertThat(processes).as("processes left running")
        .filteredOn(ProcessHandle::isAlive).extracting(CtrlCDuringStartIT::commandLine).isEmpty();
    assertThat(dir).doesNotExist();
  }

  /** Ctrl-C as soon as the etcd container exists: etcd or kube-apiserver is still starting. */
  @Test
  void containersBackend() throws Exception {
    // An image name of this test's own, so the test finds its run's etcd among other runs' ones.
    String etcdImage = Settings.fromEnvironment().get("etcd.image", ContainersControlPlane.DEFAULT_ETCD_IMAGE);
    DockerImageName tagged = DockerImageName.parse("localhost/minisched/ctrl-c-during-start")
        .withTag(UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT));
    docker().tagImageCmd(etcdImage, tagged.getUnversionedPart(), tagged.getVersionPart()).exec();
    cleanups.add(tagged.asCanonicalNameString());

    Map<String, String> environment = new java.util.HashMap<>(System.getenv());
    environment.put("MINISCHED_ETCD_IMAGE", tagged.asCanonicalNameString());
    start(environment, "-Dminisched.backend=containers");
    Container etcd = await("the etcd container").atMost(STARTED_TIMEOUT)
        .failFast("the child exited", () -> !child.isAlive())
        .until(() -> containersOf(tagged.asCanonicalNameString()).stream().findFirst(), Optional::isPresent)
        .orElseThrow();
    String runId = etcd.getLabels().get("dev.minisched.run");
    Path dir = tempDirOf(child.pid(), "minisched-containers-").orElseThrow();

    pressCtrlC();

    assertThat(docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of("dev.minisched.run", runId))
        .exec()).as("containers left").isEmpty();
    assertThat(docker().listNetworksCmd().exec()).as("networks left")
        .noneMatch(n -> n.getLabels() != null && runId.equals(n.getLabels().get("dev.minisched.run")));
    assertThat(dir).doesNotExist();
  }

  /** RunnerMain in a JVM of its own that leads its own process group (setsid execs in place). */
  private void start(Map<String, String> environment, String... properties) throws IOException {
    List<String> command = new ArrayList<>(List.of("setsid",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(properties));
    command.add(RunnerMain.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(scratch.resolve("child.log").toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().put("PATH", System.getenv("PATH"));
    child = builder.start();
    child.getOutputStream().close();
  }

  /** SIGINT to the child's process group, as a terminal sends on Ctrl-C; the JVM must exit. */
  private void pressCtrlC() throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + child.pid()).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(child.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the JVM exited after SIGINT").isTrue();
    String output = Files.readString(scratch.resolve("child.log"), StandardCharsets.UTF_8);
    System.out.println("[child's output]\n" + output);
    assertThat(output).doesNotContain("\tat ").doesNotContain("Exception in thread");
  }

  /** The temporary directory whose owner file names process {@code pid}. */
  private static Optional<Path> tempDirOf(long pid, String prefix) throws IOException {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), prefix + "*")) {
      for (Path dir : dirs) {
        Path owner = dir.resolve("owner");
        if (Files.exists(owner) && Files.readString(owner).startsWith(pid + " ")) {
          return Optional.of(dir);
        }
      }
    }
    return Optional.empty();
  }

  private static List<Container> containersOf(String image) {
    return docker().listContainersCmd().withShowAll(true).exec().stream()
        .filter(c -> image.equals(c.getImage()) || c.getImage().endsWith(image.replaceFirst("^localhost/", ""))).toList();
  }

  private static String commandLine(ProcessHandle process) {
    return process.info().commandLine().orElse("?");
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }
}
