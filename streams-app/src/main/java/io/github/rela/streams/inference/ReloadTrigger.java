package io.github.rela.streams.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot swap's trigger: {@code <models dir>/RELOAD}, created or touched by whoever placed a new
 * checkpoint. Polled at an interval; each change of its modification time reloads the registry in
 * this trigger's own thread, beside the stream threads, which keep translating with the serving
 * model meanwhile. Only the time is read, so the models directory may be read-only to the app.
 */
public final class ReloadTrigger implements AutoCloseable {

  /** The trigger file's name, in the models directory. */
  public static final String FILE = "RELOAD";

  private static final Logger LOG = LoggerFactory.getLogger(ReloadTrigger.class);

  private final Path file;
  private final CheckpointRegistry registry;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "rela-model-reload");
            thread.setDaemon(true);
            return thread;
          });
  private Optional<FileTime> seen;

  /** Watches {@code modelsDir}/RELOAD; a trigger that exists already counts as seen. */
  public ReloadTrigger(Path modelsDir, CheckpointRegistry registry, Duration interval) {
    this.file = modelsDir.resolve(FILE);
    this.registry = registry;
    this.seen = modified();
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    LOG.info("Watching {} for model swaps every {} ms", file, millis);
  }

  private void check() {
    Optional<FileTime> now = modified();
    if (now.isPresent() && !now.equals(seen)) {
      seen = now;
      LOG.info("{} changed: reloading the models", file);
      try {
        registry.reload();
      } catch (RuntimeException e) {
        // Keeps the timer alive: a failed reload must not end the watch.
        LOG.error("Reloading the models failed; the serving models are unchanged", e);
      }
    }
  }

  private Optional<FileTime> modified() {
    try {
      return Optional.of(Files.getLastModifiedTime(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
