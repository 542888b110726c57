package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.UserError;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The three ways to get a control plane, as the user names them with
 * {@code -Dminisched.backend=NAME} or {@code MINISCHED_BACKEND=NAME}.
 */
enum Backend {
  CONTAINERS("Docker or Podman (for Podman, DOCKER_HOST pointing at its API socket)",
      ContainersControlPlane::start),
  BINARIES("etcd and kube-apiserver binaries in -Dminisched.binaries.dir=DIR or KUBEBUILDER_ASSETS=DIR",
      BinariesControlPlane::start),
  KUBECONFIG("an existing cluster from -Dminisched.kubeconfig=FILE, KUBECONFIG or ~/.kube/config",
      KubeconfigControlPlane::start);

  static final Backend DEFAULT = CONTAINERS;
  static final String SETTING = "backend";

  private final String needs;
  private final Function<Settings, ControlPlane> starter;

  Backend(String needs, Function<Settings, ControlPlane> starter) {
    this.needs = needs;
    this.starter = starter;
  }

  /** The name the user types. */
  String userName() {
    return name().toLowerCase(Locale.ROOT);
  }

  ControlPlane start(Settings settings) {
    return starter.apply(settings);
  }

  static Optional<Backend> byUserName(String name) {
    return Arrays.stream(values()).filter(b -> b.userName().equals(name.trim().toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  static String names() {
    return Arrays.stream(values()).map(Backend::userName).collect(Collectors.joining(", "));
  }

  /** How to select a backend, e.g. {@code -Dminisched.backend=binaries (or MINISCHED_BACKEND=binaries)}. */
  String howToSelect() {
    return "-D" + Settings.property(SETTING) + "=" + userName()
        + " (or " + Settings.envVar(SETTING) + "=" + userName() + ")";
  }

  /** One line per other backend: how to select it and what it needs. */
  String alternatives() {
    return Arrays.stream(values()).filter(b -> b != this)
        .map(b -> "  " + b.howToSelect() + ": needs " + b.needs)
        .collect(Collectors.joining("\n", "Other backends:\n", ""));
  }

  /**
   * The one error for "this backend's prerequisite is missing": what is missing, then the
   * other backends and how to select them.
   */
  UserError cannotStart(String whatIsMissing) {
    return new UserError("the " + userName() + " backend cannot start: " + whatIsMissing
        + "\n" + alternatives());
  }
}
