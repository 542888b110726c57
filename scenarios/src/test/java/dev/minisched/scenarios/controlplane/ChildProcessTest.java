package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server under its watchdog shell, found for /proc's figures. */
class ChildProcessTest {

  /**
   * ~/.cache/minisched/bin is a symlink to the release's directory (.ci/setup-host.sh), and /proc
   * names a process by its real executable: the server is found all the same.
   */
  @Test
  void theServerIsFoundWhenItsCommandIsASymlink(@TempDir Path dir) throws Exception {
    Path sleep = Path.of("/bin/sleep").toRealPath();
    Path link = Files.createSymbolicLink(dir.resolve("server"), sleep);
    ChildProcess child = ChildProcess.start("sleeper", List.of(link.toString(), "30"), dir.resolve("log"));
    try {
      await("the server under its watchdog").atMost(Duration.ofSeconds(10)).until(() -> child.server().isPresent());
      Optional<String> command = child.server().flatMap(p -> p.info().command());
      assertThat(command).contains(sleep.toString());
    } finally {
      child.stop();
    }
  }
}
