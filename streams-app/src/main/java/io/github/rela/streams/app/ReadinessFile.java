package io.github.rela.streams.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The container health check's contract ({@code docker/rela-healthcheck}): while Kafka Streams is
 * running or rebalancing, {@code <java.io.tmpdir>/rela-ready} is touched every 5 seconds; otherwise
 * it is removed, and it is removed on shutdown.
 */
public final class ReadinessFile implements AutoCloseable {

  /** The file's name, in {@code java.io.tmpdir} ({@code /tmp} in the container image). */
  public static final String NAME = "rela-ready";

  static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), NAME);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "rela-readiness");
            thread.setDaemon(true);
            return thread;
          });

  ReadinessFile(KafkaStreams streams) {
    timer.scheduleAtFixedRate(() -> update(streams), 0, 5, TimeUnit.SECONDS);
  }

  private static void update(KafkaStreams streams) {
    try {
      if (streams.state().isRunningOrRebalancing()) {
        if (!Files.exists(FILE)) {
          Files.createFile(FILE);
        }
        Files.setLastModifiedTime(FILE, FileTime.from(Instant.now()));
      } else {
        Files.deleteIfExists(FILE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot update " + FILE, e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      Files.deleteIfExists(FILE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + FILE, e);
    }
  }
}
