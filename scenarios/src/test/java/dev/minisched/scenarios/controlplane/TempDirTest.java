package dev.minisched.scenarios.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TempDirTest {
  private static final String PREFIX = "minisched-tempdir-test-";

  @Test
  void removesDirectoriesOfDeadOwnersAndKeepsLiveOnes() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    Path abandoned = Files.createTempDirectory(PREFIX);
    Files.writeString(abandoned.resolve("owner"), finished.pid() + " " + finished.info().startInstant().orElse(null));
    Files.writeString(abandoned.resolve("data"), "left behind by a killed JVM");
    TempDir live = TempDir.create(PREFIX);

    TempDir another = TempDir.create(PREFIX);

    assertThat(abandoned).doesNotExist();
    assertThat(live.path()).isDirectory();
    live.delete();
    another.delete();
    assertThat(live.path()).doesNotExist();
  }
}
