package io.github.rela.cli;

import io.github.rela.streams.local.LocalEndpoints;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the Kafka cluster and its schema registry are, with the other client settings: by default
 * the embedded broker and registry of a running {@code rela run}, as it advertises them in {@code
 * var/endpoints.properties}.
 */
public final class ClusterOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description =
          "Kafka brokers. Default: the embedded broker of a running 'rela run', as advertised in"
              + " var/endpoints.properties, else 127.0.0.1:9092 (run and demo: none, which"
              + " starts that embedded broker in this JVM).")
  private String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      paramLabel = "URL",
      description =
          "Schema registry. Default: the registry advertised with that embedded broker, else"
              + " http://127.0.0.1:8081 (run and demo: none, which serves one beside the"
              + " embedded broker, schemas in var/registry).")
  private String registry;

  @Mixin private SetOption set;

  /** The client settings as given: --set, then the brokers and registry when given. */
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

  /**
   * The client settings of a command that uses a running cluster: --set, then the brokers and
   * registry given, else those advertised by a running {@code rela run}, else the defaults.
   */
  Map<String, Object> resolvedClientSettings() {
    LocalEndpoints endpoints =
        LocalEndpoints.resolve(bootstrapServers, registry, LocalEndpoints.defaultFile());
    Map<String, Object> config = new HashMap<>(set.values());
    config.put("bootstrap.servers", endpoints.bootstrapServers());
    config.put("schema.registry.url", endpoints.registryUrl());
    return config;
  }
}
