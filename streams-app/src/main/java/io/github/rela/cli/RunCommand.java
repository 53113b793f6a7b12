package io.github.rela.cli;

import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.config.RelaStreamsConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rela run}: the streaming translation application. Connects to {@code bootstrap.servers}
 * or, without one, starts a real single-node Kafka broker in this JVM (data kept in {@code
 * rela.embedded.data.dir}) with a schema registry on 127.0.0.1:8081 (schemas in {@code
 * var/registry}).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Runs the streaming translator: requests topic in; results, low-confidence and"
          + " dead-letter topics out (exactly-once by default).",
      "Settings: defaults < --config FILE < RELA_* environment variables < --set/flags."
          + " RELA_X_Y sets rela.x.y; RELA_KAFKA_X_Y sets the Kafka setting x.y."
    })
public final class RunCommand implements Callable<Integer> {

  @Mixin RunOptions options;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // On Ctrl-C or SIGTERM: ask the main thread to close everything, and wait until it has, so
    // that the last transaction commits before the JVM exits.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopRequested.countDown();
                  awaitQuietly(closed);
                },
                "rela-shutdown-hook"));
    try (StreamsApp app = StreamsApp.start(options.settings())) {
      app.onError(stopRequested::countDown);
      System.err.println(
          "rela: translating; requests on '"
              + app.settings().rela().getString(RelaStreamsConfig.REQUESTS_TOPIC)
              + "' at "
              + app.settings().kafka().get("bootstrap.servers")
              + ", schema registry at "
              + app.settings().kafka().get("schema.registry.url")
              + " (Ctrl-C stops)");
      stopRequested.await();
      return app.streams().state() == KafkaStreams.State.ERROR ? 1 : 0;
    } finally {
      closed.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
