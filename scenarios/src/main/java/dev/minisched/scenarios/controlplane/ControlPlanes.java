package dev.minisched.scenarios.controlplane;

import dev.minisched.scenarios.Settings;
import dev.minisched.scenarios.UserError;

/** Placeholder until the backends land (branch h-backends); replaced by the real selection. */
public final class ControlPlanes {
  private ControlPlanes() {}

  public static ControlPlane start(Settings settings) {
    throw new UserError("no control plane backend is available in this build yet");
  }
}
