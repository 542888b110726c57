package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.Stopped;
import dev.minisched.scenarios.UserError;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * etcd and kube-apiserver as child processes of this JVM, on free loopback ports, with data,
 * certificates, logs and the kubeconfig in one temporary directory — what controller-runtime's
 * envtest does for Go tests.
 *
 * <p>Owned by the thread that starts it; {@link #close()} may come from any thread (the runner's
 * shutdown hook on Ctrl-C) and runs once. {@link RunningControlPlane} serializes it with stopping
 * and starting the API server, which replaces the head of {@code processes}.
 */
final class BinariesControlPlane {
  private static final Pattern ETCD_VERSION = Pattern.compile("etcd Version: (\\S+)");

  private BinariesControlPlane() {}

  static ControlPlane start(Settings settings) {
    return start(settings, FreePort::pick);
  }

  /** With ports from {@code ports}: {@link FreePort#pick()}, or a test's own. */
  static ControlPlane start(Settings settings, IntSupplier ports) {
    Binaries binaries = Binaries.locate(settings);
    return FreePort.retryWhileTaken(() -> startOnce(binaries, settings, ports));
  }

  private static ControlPlane startOnce(Binaries binaries, Settings settings, IntSupplier ports) {
    // Created owner-only (rwx------) by the JDK: it holds keys and the admin token.
    TempDir dir = TempDir.create("minisched-binaries-");
    Deque<ChildProcess> processes = new ArrayDeque<>(); // last started first
    // kube-apiserver stops before etcd (the other way round it would only log lost connections).
    List<Stopping.Part> parts = List.of(() -> processes.forEach(ChildProcess::stop), dir::delete);
    Supplier<Stopped> stop = () -> {
      List<String> stopped = processes.stream().map(ChildProcess::name).toList();
      Stopping.all(parts);
      return new Stopped(stopped, List.of(dir.path().toString()));
    };
    try {
      String etcdUrl = "http://127.0.0.1:" + ports.getAsInt();
      processes.push(ChildProcess.start("etcd",
          new EtcdFlags(binaries.etcd().toString(), etcdUrl, etcdUrl, dir.resolve("etcd-data").toString()).command(),
          dir.resolve("etcd.log")));

      // While etcd starts: versions, keys and certificates.
      ApiServerVersion version = apiServerVersion(binaries.apiServer());
      String etcdVersion = etcdVersion(binaries.etcd());
      ApiServerSecrets secrets = ApiServerSecrets.generate(List.of("127.0.0.1", "localhost"));
      Path pki = writeFiles(dir.resolve("pki"), secrets.files());

      int port = ports.getAsInt();
      processes.push(ChildProcess.start("kube-apiserver",
          new ApiServerFlags(binaries.apiServer().toString(), etcdUrl, "127.0.0.1", port, "127.0.0.1",
              pki.toString(), version.hasInsecurePort()).command(),
          dir.resolve("kube-apiserver.log")));

      Path kubeconfig = KubeconfigFile.write(dir.resolve("kubeconfig"),
          "https://127.0.0.1:" + port, secrets.caCertificatePem(), secrets.token());
      awaitReady(KubeconfigFile.newClient(kubeconfig), processes, settings);
      return RunningControlPlane.owned(Backend.BINARIES, kubeconfig,
          "kube-apiserver " + version + " + etcd " + etcdVersion + " (binaries from " + binaries.source() + ")", stop,
          new RunningControlPlane.ApiServerSwitch() {
            // kube-apiserver is the last started, the head of the deque; etcd stays.
            @Override
            public void stop() {
              processes.getFirst().stop();
            }

            @Override
            public void start() {
              processes.push(processes.pop().startAgain());
              awaitReady(KubeconfigFile.newClient(kubeconfig), processes, settings);
            }
          },
          () -> processes.stream().map(ChildProcess::handle).toList());
    } catch (RuntimeException e) {
      Stopping.afterFailedStart(e, parts);
      throw e;
    }
  }

  private static void awaitReady(ApiClient client, Deque<ChildProcess> processes, Settings settings) {
    Readiness.await(client, ControlPlanes.startTimeout(settings), () -> {
      for (ChildProcess process : processes) {
        if (!process.isAlive()) {
          String why = process.name() + " exited during start. The end of its log:\n" + process.logTail();
          throw why.contains(FreePort.IN_USE) ? new FreePort.Taken(why) : new UserError(why);
        }
      }
    }, processes.getFirst()::logTail);
  }

  private static ApiServerVersion apiServerVersion(Path binary) {
    String output = ChildProcess.output(List.of(binary.toString(), "--version"));
    return ApiServerVersion.parse(output).orElseThrow(() -> new UserError(
        binary + " --version printed no version; is it a kube-apiserver? It printed: " + output.strip()));
  }

  private static String etcdVersion(Path binary) {
    Matcher m = ETCD_VERSION.matcher(ChildProcess.output(List.of(binary.toString(), "--version")));
    return m.find() ? m.group(1) : "(unknown version)";
  }

  private static Path writeFiles(Path dir, Map<String, String> files) {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> file : files.entrySet()) {
        Files.writeString(dir.resolve(file.getKey()), file.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir, e);
    }
  }
}
