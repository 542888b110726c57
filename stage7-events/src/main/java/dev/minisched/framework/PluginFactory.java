package dev.minisched.framework;

/**
 * Makes a plugin for a framework, giving it the framework's {@link Handle}. Upstream: the
 * {@code PluginFactory} functions of the plugin registry; a plugin that needs no handle is simply
 * {@code handle -> new NodeUnschedulable()}.
 */
@FunctionalInterface
public interface PluginFactory {
  Plugin create(Handle handle);
}
