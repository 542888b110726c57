package dev.minisched.scenarios;

/** A started scheduler. Closing it stops its informers and threads and waits for them. */
public interface RunningScheduler extends AutoCloseable {
  @Override
  void close();
}
