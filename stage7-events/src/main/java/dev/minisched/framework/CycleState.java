package dev.minisched.framework;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scratch space for one scheduling cycle of one pod: a plugin may write what it computed in one
 * extension point and read it in a later one (stage 4 shows why). A new CycleState is made for
 * every cycle and thrown away after it. Upstream: {@code framework.CycleState}.
 *
 * <p>Keys are typed, so a read returns what was written without casts in plugin code. Safe to use
 * from several threads at once, as upstream runs Filter and Score in parallel over nodes.
 */
public final class CycleState {
  /** A typed key; plugins usually use one constant key each, named after the plugin. */
  public record Key<T>(String name, Class<T> type) {}

  private final Map<Key<?>, Object> data = new ConcurrentHashMap<>();
  private final Set<String> skipScorePlugins = ConcurrentHashMap.newKeySet();
  private final CycleResult result;

  /** A cycle whose plugin results are not recorded. */
  public CycleState() {
    this(CycleResult.NONE);
  }

  /** A cycle whose plugin results go into {@code result}. */
  public CycleState(CycleResult result) {
    this.result = result;
  }

  /** Where the framework records what each plugin said in this cycle. */
  public CycleResult result() {
    return result;
  }

  public <T> void write(Key<T> key, T value) {
    data.put(key, value);
  }

  public <T> Optional<T> read(Key<T> key) {
    // No method reference here (key.type()::cast): read runs for every node and plugin in the filter
    // and score phases, and a capturing lambda is a new object made through a method handle, which
    // C1, the JIT compiler the stages run with (.mvn/jvm.config), leaves as a slow runtime call.
    // It was a fifth of a cycle's time.
    Object value = data.get(key);
    return value == null ? Optional.empty() : Optional.of(key.type().cast(value));
  }

  /** Marks a score plugin whose PreScore returned Skip: its Score does not run this cycle. */
  public void skipScore(String plugin) {
    skipScorePlugins.add(plugin);
  }

  public boolean isScoreSkipped(String plugin) {
    return skipScorePlugins.contains(plugin);
  }
}
