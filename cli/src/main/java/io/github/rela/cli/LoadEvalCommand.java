package io.github.rela.cli;

import io.github.rela.streams.local.BrokerCheck;
import io.github.rela.streams.local.TopicCreator;
import io.github.rela.streams.replay.EvalSetLoader;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rela load-eval}: a parallel test set into a topic, as requests with references. */
@RequiredOptions({"--src", "--ref", "--topic"})
@Command(
    modelTransformer = RequiredOptions.Transformer.class,
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

  @Mixin SourceOption src;

  @Mixin ReferenceOption ref;

  @Mixin TopicOption topicOption;

  @Mixin ClusterOptions cluster;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private Path source;

  private Path reference;

  private String topic;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Name of the set in the ids (default: the source file's name up to its dot).")
  String name;

  @Option(names = "--source-language", defaultValue = "de", description = "Source language.")
  String sourceLanguage;

  @Option(names = "--target-language", defaultValue = "en", description = "Target language.")
  String targetLanguage;

  @Override
  public Integer call() {
    source = src.file();
    reference = ref.single(spec);
    topic = topicOption.name();
    Map<String, Object> config = cluster.resolvedClientSettings();
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
            count, setName, topic, config.get("bootstrap.servers"));
    return 0;
  }
}
