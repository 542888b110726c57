package dev.minisched.scenarios.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minisched.scenarios.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic and the files and commands it writes, without a control plane. */
class BenchPartsTest {

  @Test
  void nodesToScoreFollowsUpstreamsAdaptiveFormula() {
    // pkg/scheduler: numFeasibleNodesToFind with percentageOfNodesToScore 0
    assertThat(BenchReport.nodesToScore(50)).isEqualTo(50);      // fewer than 100: all
    assertThat(BenchReport.nodesToScore(500)).isEqualTo(230);    // 50 - 4 = 46 %
    assertThat(BenchReport.nodesToScore(5000)).isEqualTo(500);   // 50 - 40 = 10 %
    assertThat(BenchReport.nodesToScore(6000)).isEqualTo(300);   // 50 - 48 = 2 % → at least 5 %
  }

  @Test
  void versionSkewPolicy() {
    assertThat(KubeVersion.skewProblem("v1.20.2", "v1.20.2")).isEmpty();
    assertThat(KubeVersion.skewProblem("v1.20.2", "v1.21.0")).isEmpty();
    assertThat(KubeVersion.skewProblem("v1.20.2", "v1.22.1")).get().asString().contains("more than one minor");
    assertThat(KubeVersion.skewProblem("v1.34.0", "v1.33.1")).get().asString().contains("newer");
    // what CI builds now: kube-scheduler and kube-apiserver of one release
    assertThat(KubeVersion.skewProblem("v1.34.4", "v1.34.4")).isEmpty();
    assertThat(KubeVersion.skewProblem("v1.33.5", "v1.34.4")).isEmpty();
  }

  @Test
  void theReportWarnsWhenKubeSchedulerIsNotTheReleaseTheFileIsFor() {
    assertThat(BenchReport.releaseProblem("v1.34.4")).isEmpty();
    assertThat(BenchReport.releaseProblem("v1.34.0-rc.1")).isEmpty();
    assertThat(BenchReport.releaseProblem("v1.20.2")).get().asString().contains("is not v1.34");
  }

  /** kube-apiserver and etcd run as children of watchdog shells: their CPU is the tree's, not the shell's. */
  @Test
  void cpuOfATreeCountsTheChildrenOfItsRoot() throws Exception {
    Process shell = new ProcessBuilder("/bin/sh", "-c", "sh -c 'while :; do :; done' & wait").start();
    try {
      ProcessHandle root = shell.toHandle();
      Thread.sleep(1_500);
      assertThat(ProcessMeter.read(root.pid()).cpu()).isLessThan(java.time.Duration.ofMillis(100));
      assertThat(ProcessMeter.cpuOfTrees(List.of(root))).isGreaterThan(java.time.Duration.ofMillis(500));
      assertThat(ProcessMeter.cpuOfTrees(List.of())).isZero();
    } finally {
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly().waitFor();
    }
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).contains(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).contains(2.5);
    assertThat(Stats.median(List.of())).isEmpty();
  }

  @Test
  void workloadsBySchedulerPerfNameOrShape() {
    assertThat(Workload.parse("5000Nodes")).isEqualTo(new Workload("5000Nodes", 5000, 1000, 1000));
    assertThat(Workload.parse("50:50:100")).isEqualTo(new Workload("50Nodes", 50, 50, 100));
    assertThatThrownBy(() -> Workload.parse("lots")).isInstanceOf(UserError.class).hasMessageContaining("500Nodes");
  }

  @Test
  void namesGiveTheToyNodeNumberNoDigit() {
    Workload w = Workload.parse("500Nodes");
    assertThat(List.of(w.nodeName(7), w.placedName(7), w.measuredName(7), w.probeName()))
        .allSatisfy(name -> assertThat(Character.isDigit(name.charAt(name.length() - 1))).isFalse());
    assertThat(w.isMeasured(w.measuredName(3))).isTrue();
    assertThat(w.isMeasured(w.placedName(3))).isFalse();
    assertThat(w.isMeasured(w.probeName())).isFalse();
  }

  @Test
  void upstreamDefaultProfileWritesNoPluginsAndSamplesAdaptively() {
    String yaml = UpstreamProfiles.defaultPlugins().yaml(Path.of("/k/config"));
    assertThat(yaml).startsWith("apiVersion: kubescheduler.config.k8s.io/v1\n")
        .contains("  kubeconfig: \"/k/config\"\n", "  qps: 5000\n", "  burst: 5000\n", "  leaderElect: false\n",
            "parallelism: 16\n", "percentageOfNodesToScore: 0\n", "- schedulerName: default-scheduler\n")
        .doesNotContain("plugins:", "BindAddress");
  }

  @Test
  void upstreamSamePluginsProfileIsAV1FileWithExactlyTheStagesRealPlugins() {
    String yaml = UpstreamProfiles.samePlugins().yaml(Path.of("/k/config"));
    assertThat(yaml).startsWith("apiVersion: kubescheduler.config.k8s.io/v1\n")
        .contains("percentageOfNodesToScore: 0\n", "- name: TaintToleration\n        weight: 3\n",
            "    multiPoint:\n      disabled:\n      - name: \"*\"\n    preEnqueue:",
            "    score:\n      disabled:\n      - name: \"*\"\n      enabled:\n      - name: TaintToleration\n        weight: 3\n"
                + "      - name: NodeAffinity\n        weight: 2\n      - name: NodeResourcesFit\n        weight: 1\n"
                + "      - name: NodeResourcesBalancedAllocation\n        weight: 1\n")
        .doesNotContain("NodeNumber", "NodeResourcesLeastAllocated", "v1beta", "BindAddress");
  }

  @Test
  void stageRunsAsAChildJvmOfItsOwnMainQuietly() {
    List<String> command = new StageProcess("stage7-events", Optional.empty()).command(Path.of("/k/config"));
    assertThat(command).contains("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.dev.minisched=warn", "-Dminisched.results=off",
        "-Dminisched.backend=kubeconfig", "-Dminisched.kubeconfig=/k/config", "dev.minisched.Main", "schedule");
    assertThat(command).noneMatch(arg -> arg.startsWith("-Dminisched.config="));
    assertThat(new StageProcess("s", Optional.of(Path.of("/p.yaml"))).command(Path.of("/k")))
        .contains("-Dminisched.config=/p.yaml");
    assertThat(command).noneMatch(arg -> arg.startsWith("-XX:StartFlightRecording"));
  }

  @Test
  void withoutAFileOfItsOwnTheStageGetsUpstreamsSamePluginsFileNamedForItsPods() {
    KubeSchedulerConfiguration upstream = UpstreamProfiles.samePlugins();
    StageProcess stage = new StageProcess("stage7-events", Optional.empty(), Optional.of(upstream), Optional.empty());
    String file = stage.file(Path.of("/k/config")).orElseThrow();
    // upstream's file, word for word, but the profile's name: the pods the stage takes ask for "minisched"
    assertThat(file.replace("- schedulerName: minisched\n", "- schedulerName: default-scheduler\n"))
        .isEqualTo(upstream.yaml(Path.of("/k/config")));
    assertThat(file).contains("apiVersion: kubescheduler.config.k8s.io/v1\n", "- name: NodeResourcesFit\n",
        "percentageOfNodesToScore: 0\n", "parallelism: 16\n");
    assertThat(stage.command(Path.of("/k/config"), Optional.of(Path.of("/tmp/f.yaml"))))
        .contains("-Dminisched.config=/tmp/f.yaml", "-Dminisched.schedulerName=minisched");
    // a file of the user's own wins
    assertThat(new StageProcess("s", Optional.of(Path.of("/p.yaml")), Optional.of(upstream), Optional.empty())
        .file(Path.of("/k"))).isEmpty();
  }

  @Test
  void stageChildJvmRunsWithTheFlagsOfALearnersRun() throws IOException {
    List<String> command = new StageProcess("stage7-events", Optional.empty()).command(Path.of("/k/config"));
    assertThat(command).containsSubsequence("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+UseCondCardMark", "dev.minisched.Main");
    // mvn exec:java runs a learner's stage in Maven's JVM, which takes its flags from .mvn/jvm.config
    List<String> mavenJvm = List.of(Files.readString(Path.of("..", ".mvn", "jvm.config")).split("\\s+"));
    assertThat(mavenJvm).containsAll(StageProcess.JVM_OPTIONS);
  }

  @Test
  void stageChildJvmKeepsAFlightRecordingWhenAskedTo() {
    List<String> command = new StageProcess("stage7-events", Optional.empty(), Optional.empty(), Optional.of(Path.of("/rec")))
        .command(Path.of("/k/config"));
    assertThat(command).anyMatch(arg -> arg.startsWith("-XX:StartFlightRecording=settings=profile,")
        && arg.matches(".*filename=/rec/stage7-events-\\d+\\.jfr"));
    assertThat(command.indexOf("dev.minisched.Main"))
        .isGreaterThan(command.indexOf(command.stream().filter(a -> a.startsWith("-XX:")).findFirst().orElseThrow()));
  }
}
