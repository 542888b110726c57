package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minisched.scenarios.InvalidObjectMain;
import dev.minisched.scenarios.RefusedManifestMain;
import dev.minisched.scenarios.Scenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expected failures end with one clear message, exit code 1 and no stack trace. Each case runs
 * {@link RunnerMain} in a JVM of its own, with an environment and home directory of its own, so
 * that no Docker, kubeconfig or binaries of this machine leak in.
 */
class ControlPlaneErrorsIT {
  @TempDir
  Path home;

  @Test
  void unknownBackendListsTheBackends() throws Exception {
    String output = runExpectingFailure(Map.of(), "-Dminisched.backend=kind");
    assertThat(output).contains("[minisched] unknown backend 'kind'")
        .contains("containers, binaries, kubeconfig")
        .contains("-Dminisched.backend=NAME").contains("MINISCHED_BACKEND=NAME");
  }

  @Test
  void containersWithoutDocker() throws Exception {
    assertCannotStart(Backend.CONTAINERS, "no Docker or Podman is reachable", Map.of(
        "DOCKER_HOST", "unix://" + home.resolve("no-docker.sock"),
        // Only DOCKER_HOST, no fallback to other places a Docker socket might be found.
        "TESTCONTAINERS_DOCKER_CLIENT_STRATEGY",
        "org.testcontainers.dockerclient.EnvironmentAndSystemPropertyClientProviderStrategy"));
  }

  @Test
  void containersImageThatCannotBePulled() throws Exception {
    // This machine's Docker/Podman; the image's registry is localhost, so the pull fails at once.
    Map<String, String> environment = new HashMap<>();
    System.getenv().forEach((name, value) -> {
      if (name.equals("DOCKER_HOST") || name.startsWith("TESTCONTAINERS_") || name.equals("CONTAINERS_CONF")) {
        environment.put(name, value);
      }
    });
    String image = "localhost/minisched/no-such-image:0";
    environment.put("MINISCHED_APISERVER_IMAGE", image);
    assertThat(assertCannotStart(Backend.CONTAINERS, "image " + image + " is not present and cannot be pulled", environment))
        .contains("Choose another with -Dminisched.apiserver.image=IMAGE or MINISCHED_APISERVER_IMAGE=IMAGE");
  }

  @Test
  void binariesDirectoryWithoutKubeApiserver() throws Exception {
    Path dir = Files.createDirectories(home.resolve("assets"));
    assertCannotStart(Backend.BINARIES, dir + " (from KUBEBUILDER_ASSETS) has no executable kube-apiserver",
        Map.of("KUBEBUILDER_ASSETS", dir.toString()));
  }

  @Test
  void binariesWithoutDirectory() throws Exception {
    assertCannotStart(Backend.BINARIES, "no directory with kube-apiserver and etcd is set", Map.of());
  }

  @Test
  void kubeconfigUnreadable() throws Exception {
    Path missing = home.resolve("missing-config");
    assertCannotStart(Backend.KUBECONFIG, "kubeconfig " + missing + " (from -Dminisched.kubeconfig) cannot be read",
        Map.of(), "-Dminisched.kubeconfig=" + missing);
  }

  @Test
  void kubeconfigInvalid() throws Exception {
    Path file = Files.writeString(home.resolve("config"), "clusters: [this is not: a kubeconfig\n");
    assertCannotStart(Backend.KUBECONFIG, "kubeconfig " + file + " (from KUBECONFIG) is not a valid kubeconfig",
        Map.of("KUBECONFIG", file.toString()));
  }

  @Test
  void kubeconfigUnreachable() throws Exception {
    String server = "https://127.0.0.1:" + FreePort.pick();
    Path file = KubeconfigFile.write(home.resolve("config"), server,
        ApiServerSecrets.generate(List.of("127.0.0.1")).caCertificatePem(), "some-token");
    assertCannotStart(Backend.KUBECONFIG,
        "the cluster " + server + " of kubeconfig " + file + " (from -Dminisched.kubeconfig) cannot be reached",
        Map.of(), "-Dminisched.kubeconfig=" + file);
  }

  @Test
  void unknownScenarioListsTheScenarios() throws Exception {
    String output = runExpectingFailure(Map.of(), "-Dminisched.scenario=no-such-scenario");
    assertThat(output).contains("[minisched] there is no scenario named 'no-such-scenario'")
        .contains("-Dminisched.scenario=NAME");
    Scenarios.ALL.forEach(scenario -> assertThat(output).contains(scenario.name()));
    assertThat(output).doesNotContain("starting the"); // checked before any control plane starts
  }

  @Test
  void binariesDirectoryWithoutEtcd() throws Exception {
    Path dir = Files.createDirectories(home.resolve("assets"));
    Path apiServer = Files.writeString(dir.resolve("kube-apiserver"), "#!/bin/sh\n");
    assertThat(apiServer.toFile().setExecutable(true)).isTrue();
    // No etcd on this PATH either (the machine's own /usr/bin/etcd would be found otherwise).
    assertCannotStart(Backend.BINARIES, "no executable etcd in " + dir + " (from KUBEBUILDER_ASSETS) nor on the PATH",
        Map.of("KUBEBUILDER_ASSETS", dir.toString(), "PATH", home.resolve("bin").toString()));
  }

  /**
   * A scenario creates a pod the API server refuses: the API server's own message, one line, and
   * the control plane is gone (binaries backend: no process and no directory left).
   */
  @Test
  void scenarioCreatingAnInvalidObjectShowsTheApiServersMessage() throws Exception {
    String output = run(Map.of("KUBEBUILDER_ASSETS", System.getenv("KUBEBUILDER_ASSETS")),
        InvalidObjectMain.class, "-Dminisched.backend=binaries");
    assertThat(output).contains("[minisched] scenario invalid-object failed: the API server refused to create pod "
        + "Not_A_Valid_Name: Pod \"Not_A_Valid_Name\" is invalid: metadata.name: Invalid value: \"Not_A_Valid_Name\"");
    Matcher kubeconfig = Pattern.compile("--kubeconfig (\\S+)/kubeconfig").matcher(output);
    assertThat(kubeconfig.find()).isTrue();
    String dir = kubeconfig.group(1);
    assertThat(Path.of(dir)).doesNotExist();
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dir)))
        .as("processes of that control plane").isEmpty();
  }

  /** The same for a manifest the API server refuses: its message in one line, and everything stopped. */
  @Test
  void scenarioApplyingARefusedManifestShowsTheApiServersMessage() throws Exception {
    String output = run(Map.of("KUBEBUILDER_ASSETS", System.getenv("KUBEBUILDER_ASSETS")),
        RefusedManifestMain.class, "-Dminisched.backend=binaries");
    assertThat(output.lines().filter(line -> line.startsWith("[minisched] scenario refused-manifest failed:")))
        .singleElement().asString()
        .startsWith("[minisched] scenario refused-manifest failed: the API server refused to create pod "
            + "Not_A_Valid_Name (manifest line 1): Pod \"Not_A_Valid_Name\" is invalid: metadata.name: Invalid value:");
    Matcher kubeconfig = Pattern.compile("--kubeconfig (\\S+)/kubeconfig").matcher(output);
    assertThat(kubeconfig.find()).isTrue();
    String dir = kubeconfig.group(1);
    assertThat(Path.of(dir)).doesNotExist();
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dir)))
        .as("processes of that control plane").isEmpty();
  }

  /** The one message for a missing prerequisite: what is missing, then how to select the others. Returns all output. */
  private String assertCannotStart(Backend backend, String whatIsMissing, Map<String, String> environment,
      String... properties) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("-Dminisched.backend=" + backend.userName()));
    all.addAll(List.of(properties));
    String output = runExpectingFailure(environment, all.toArray(String[]::new));
    assertThat(output).contains("[minisched] the " + backend.userName() + " backend cannot start: " + whatIsMissing);
    for (Backend other : Backend.values()) {
      if (other != backend) {
        assertThat(output).contains(other.howToSelect());
      }
    }
    return output;
  }

  /** Runs {@link RunnerMain}; asserts exit code 1 and no stack trace; returns stdout and stderr. */
  private String runExpectingFailure(Map<String, String> environment, String... properties)
      throws IOException, InterruptedException {
    return run(environment, RunnerMain.class, properties);
  }

  /** Runs {@code main}; asserts exit code 1 and no stack trace; returns stdout and stderr. */
  private String run(Map<String, String> environment, Class<?> main, String... properties)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Duser.home=" + home));
    command.addAll(List.of(properties));
    command.add(main.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("MINISCHED_") || name.startsWith("TESTCONTAINERS_")
        || name.equals("DOCKER_HOST") || name.equals("KUBECONFIG") || name.equals("KUBEBUILDER_ASSETS"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished; output:\n%s", output).isTrue();
    assertThat(process.exitValue()).as("exit code; output:\n%s", output).isEqualTo(1);
    assertThat(output).doesNotContain("\tat ").doesNotContain("Exception in thread");
    return output;
  }
}
