package dev.minisched.scenarios.controlplane;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kube-apiserver's version, as {@code kube-apiserver --version} prints it ("Kubernetes v1.20.2"). */
record ApiServerVersion(int major, int minor, String text) {
  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.\\d+\\S*");

  static Optional<ApiServerVersion> parse(String output) {
    Matcher m = VERSION.matcher(output);
    return m.find()
        ? Optional.of(new ApiServerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group()))
        : Optional.empty();
  }

  /**
   * Before v1.24 kube-apiserver also serves an unauthenticated HTTP port (8080 on 127.0.0.1)
   * unless told {@code --insecure-port=0}; v1.24 removed the flag and refuses to start with it.
   */
  boolean hasInsecurePort() {
    return major == 1 && minor < 24;
  }

  @Override
  public String toString() {
    return text;
  }
}
