package dev.minisched.scenarios.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes release's major and minor version, as {@code --version} and {@code /version} print
 * it ({@code v1.20.2}, {@code v1.34.0-rc.1}), and upstream's version skew policy between
 * kube-scheduler and kube-apiserver (https://kubernetes.io/releases/version-skew-policy/):
 * kube-scheduler must not be newer than the API server, and may be at most one minor version
 * older.
 */
record KubeVersion(int major, int minor) {
  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)");

  static Optional<KubeVersion> parse(String text) {
    Matcher m = VERSION.matcher(text);
    return m.find() ? Optional.of(new KubeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
        : Optional.empty();
  }

  /** Empty when {@code scheduler} may talk to {@code apiServer}; otherwise why not, in words. */
  static Optional<String> skewProblem(String scheduler, String apiServer) {
    Optional<KubeVersion> s = parse(scheduler);
    Optional<KubeVersion> a = parse(apiServer);
    if (s.isEmpty() || a.isEmpty()) {
      return Optional.of("cannot tell the versions apart (kube-scheduler " + scheduler + ", kube-apiserver "
          + apiServer + ")");
    }
    if (s.get().major != a.get().major) {
      return Optional.of("kube-scheduler " + scheduler + " and kube-apiserver " + apiServer
          + " differ in their major version: outside the version skew policy");
    }
    if (s.get().minor > a.get().minor) {
      return Optional.of("kube-scheduler " + scheduler + " is newer than kube-apiserver " + apiServer
          + ": outside the version skew policy (the scheduler must not be newer)");
    }
    if (a.get().minor - s.get().minor > 1) {
      return Optional.of("kube-scheduler " + scheduler + " is more than one minor version older than kube-apiserver "
          + apiServer + ": outside the version skew policy");
    }
    return Optional.empty();
  }
}
