package dev.minisched.scenarios.bench;

import java.time.Duration;

/**
 * What a contender cost while it ran: CPU time and peak memory, and in words how each was
 * measured (the JVM and a child process are measured differently, and the table says so).
 */
public record ResourceUse(Duration cpu, long peakMemoryBytes, String howMeasured) {}
