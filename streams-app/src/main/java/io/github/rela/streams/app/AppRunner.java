package io.github.rela.streams.app;

import io.github.rela.streams.local.LocalMode;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.ConfigLoader;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Runs the application in local mode until Ctrl-C, SIGTERM or a fatal Kafka Streams error: what
 * {@code rela run} does, and a plain {@code main} for a separate JVM (the crash tests kill it).
 */
public final class AppRunner {

  /**
   * How long SIGTERM waits for the application to close (the last batch, its commit): a container
   * platform's grace period must be longer.
   */
  public static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

  private AppRunner() {}

  /** Settings as {@code key=value} arguments, over the environment's; exits with run's status. */
  public static void main(String[] args) throws InterruptedException {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
      }
      overrides.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    System.exit(run(ConfigLoader.load(null, System.getenv(), overrides), System.err));
  }

  /** Runs until stopped; 1 when Kafka Streams failed, 0 otherwise. Tells {@code status} where. */
  public static int run(AppSettings configured, PrintStream status) throws InterruptedException {
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // On Ctrl-C or SIGTERM: ask this thread to close everything, and wait until it has, so that
    // the last transaction commits before the JVM exits.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopRequested.countDown();
                  awaitQuietly(closed);
                },
                "rela-shutdown-hook"));
    try (LocalMode local = LocalMode.prepare(configured);
        StreamsApp app = StreamsApp.start(local.settings())) {
      app.onError(stopRequested::countDown);
      status.println(
          "rela: translating; requests on '"
              + app.topics().requests().name()
              + "' at "
              + app.settings().kafka().get("bootstrap.servers")
              + ", schema registry at "
              + app.settings().kafka().get("schema.registry.url")
              + " (Ctrl-C stops)");
      stopRequested.await();
      app.failure().ifPresent(cause -> status.println("rela: stopped: " + cause));
      return app.streams().state() == KafkaStreams.State.ERROR ? 1 : 0;
    } finally {
      closed.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
