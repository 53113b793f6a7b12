package io.github.rela.cli;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the Kafka cluster and its schema registry are, with the other client settings: by default
 * the embedded broker and in-memory registry of {@code rela run}.
 */
public final class ClusterOptions {

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "127.0.0.1:9092",
      paramLabel = "HOST:PORT",
      showDefaultValue = Visibility.NEVER,
      description =
          "Kafka brokers. Default: 127.0.0.1:9092, where 'rela run' puts its embedded one (run"
              + " and demo: none, which starts that embedded broker in this JVM).")
  private String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      defaultValue = "mock://rela",
      paramLabel = "URL",
      showDefaultValue = Visibility.NEVER,
      description =
          "Schema registry. Default: mock://rela, the embedded broker's in-memory registry (run"
              + " and demo: none, which is that registry when the embedded broker runs).")
  private String registry;

  @Mixin private SetOption set;

  /** Null where a command's default is "none" (run: the embedded broker). */
  String bootstrapServers() {
    return bootstrapServers;
  }

  /** The client settings: --set, then the brokers and registry when given. */
  Map<String, Object> clientSettings() {
    Map<String, Object> config = new HashMap<>(set.values());
    if (bootstrapServers != null) {
      config.put("bootstrap.servers", bootstrapServers);
    }
    if (registry != null) {
      config.put("schema.registry.url", registry);
    }
    return config;
  }
}
