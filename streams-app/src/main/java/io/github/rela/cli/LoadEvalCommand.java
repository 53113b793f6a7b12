package io.github.rela.cli;

import io.github.rela.streams.config.RelaStreamsConfig;
import io.github.rela.streams.embedded.BrokerCheck;
import io.github.rela.streams.embedded.LocalEndpoints;
import io.github.rela.streams.embedded.TopicCreator;
import io.github.rela.streams.eval.EvalSetLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rela load-eval}: a parallel test set into a topic, as requests with references. */
@Command(
    name = "load-eval",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Loads a parallel test set into a topic as Avro translation requests carrying their"
          + " references, with stable ids (<name>-<line>) as values' ids and record keys, so that"
          + " replays of the topic can be compared sentence by sentence.",
      "A missing topic is created as the app creates its own (rela.topic.partitions, one"
          + " replica); without a broker it fails within seconds."
    })
public final class LoadEvalCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--src", required = true, paramLabel = "FILE", description = "Sources.")
  Path source;

  @Option(names = "--ref", required = true, paramLabel = "FILE", description = "References.")
  Path reference;

  @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Target topic.")
  String topic;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Name of the set in the ids (default: the source file's name up to its dot).")
  String name;

  @Option(names = "--source-language", defaultValue = "de", description = "Source language.")
  String sourceLanguage;

  @Option(names = "--target-language", defaultValue = "en", description = "Target language.")
  String targetLanguage;

  @Option(
      names = "--bootstrap-servers",
      description =
          "Kafka brokers (default: the embedded broker of a running 'rela run', as advertised in"
              + " var/endpoints.properties, else 127.0.0.1:9092).")
  String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      description =
          "Schema registry (default: the embedded broker's registry, else"
              + " http://127.0.0.1:8081).")
  String registry;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Any other producer or serde setting, e.g. --set security.protocol=SSL.")
  Map<String, String> settings = new HashMap<>();

  @Override
  public Integer call() {
    LocalEndpoints endpoints =
        LocalEndpoints.resolve(bootstrapServers, registry, LocalEndpoints.defaultFile());
    Map<String, Object> config = new HashMap<>(settings);
    config.put("bootstrap.servers", endpoints.bootstrapServers());
    config.put("schema.registry.url", endpoints.registryUrl());
    config.putIfAbsent("max.block.ms", (int) BrokerCheck.TIMEOUT.toMillis());
    BrokerCheck.requireBroker(config);
    // A missing topic is created as the app creates its own: rela.topic.partitions, one replica.
    int partitions = new RelaStreamsConfig(Map.of()).getInt(RelaStreamsConfig.TOPIC_PARTITIONS);
    if (!TopicCreator.createMissing(config, List.of(topic), partitions, (short) 1).isEmpty()) {
      spec.commandLine().getOut().printf("Created topic %s (%d partitions)%n", topic, partitions);
    }
    String setName = name != null ? name : source.getFileName().toString().split("\\.")[0];
    long count =
        new EvalSetLoader(config)
            .load(source, reference, setName, sourceLanguage, targetLanguage, topic);
    spec.commandLine()
        .getOut()
        .printf(
            "Loaded %d requests of %s into %s at %s%n",
            count, setName, topic, endpoints.bootstrapServers());
    return 0;
  }
}
