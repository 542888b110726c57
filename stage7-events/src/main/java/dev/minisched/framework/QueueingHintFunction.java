package dev.minisched.framework;

/**
 * One entry of the queue's hint map: which plugin registered an event, and its hint (null: the
 * legacy path, always QUEUE). Upstream: {@code internalqueue.QueueingHintFunction}.
 */
public record QueueingHintFunction(String pluginName, QueueingHintFn hint) {}
