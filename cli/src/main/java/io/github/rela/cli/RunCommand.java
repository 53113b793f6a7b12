package io.github.rela.cli;

import io.github.rela.streams.app.AppRunner;
import java.util.concurrent.Callable;
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
    return AppRunner.run(options.settings(), System.err);
  }
}
