package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.UserError;
import java.time.Duration;
import java.util.Locale;

/** Starts the control plane the user selected with {@code -Dminisched.backend} (default containers). */
public final class ControlPlanes {
  private ControlPlanes() {}

  /**
   * Starts the selected backend and returns once it is ready. Throws {@link UserError} when the
   * backend is unknown or its prerequisite is missing; the message names the alternatives.
   */
  public static ControlPlane start(Settings settings) {
    String name = settings.get(Backend.SETTING, Backend.DEFAULT.userName());
    Backend backend = Backend.byUserName(name).orElseThrow(() -> new UserError(
        "unknown backend '" + name + "'; the backends are " + Backend.names()
            + ". Select one with -D" + Settings.property(Backend.SETTING) + "=NAME or "
            + Settings.envVar(Backend.SETTING) + "=NAME, e.g. "
            + Backend.BINARIES.howToSelect() + "."));
    System.out.printf("[minisched] starting the %s control plane…%n", backend.userName());
    long started = System.nanoTime();
    ControlPlane controlPlane = StartGuard.start(() -> backend.start(settings));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(Locale.ROOT, "[minisched] %s ready after %.1f s: %s%n",
        backend.userName(), took.toMillis() / 1000.0, controlPlane.description());
    System.out.printf("[minisched] kubectl --kubeconfig %s get pods -w%n", controlPlane.kubeconfig());
    return controlPlane;
  }

  /**
   * A control plane for one scenario: with {@code -Dminisched.controlPlane.reuse=true}, a private
   * one kept from the scenario before, cleared ({@link KeptControlPlane}); otherwise {@link #start}.
   */
  public static ControlPlane forScenario(Settings settings) {
    return settings.flag(KeptControlPlane.SETTING) ? KeptControlPlane.take(settings) : start(settings);
  }

  /** How long a backend may take to become ready: {@code -Dminisched.startTimeout=SECONDS}. */
  static Duration startTimeout(Settings settings) {
    return settings.seconds("startTimeout", Duration.ofSeconds(90));
  }
}
