package io.github.rela.streams.it;

import io.github.rela.streams.app.AppRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as {@code rela run} runs it ({@link AppRunner}), in a separate JVM, so that a
 * test can kill it the hard way (SIGKILL) in the middle of its work, as a crash would.
 */
final class AppProcess implements AutoCloseable {

  private final Process process;

  private AppProcess(Process process) {
    this.process = process;
  }

  static AppProcess start(Map<String, String> settings, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dai.djl.pytorch.num_threads=1");
    command.add(AppRunner.class.getName());
    settings.forEach((k, v) -> command.add(k + "=" + v));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      return new AppProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start rela run", e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no commit, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the shutdown hook closes Kafka Streams cleanly. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
