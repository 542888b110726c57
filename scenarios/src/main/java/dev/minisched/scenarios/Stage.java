package dev.minisched.scenarios;

/**
 * One stage of minisched as the harness sees it: its module name (for messages), the scenario
 * that shows its lesson, and how to start its scheduler.
 */
public record Stage(String module, String defaultScenario, SchedulerFactory scheduler) {}
