package io.github.rela.cli;

import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.evaluation.corpus.Multi30k;
import io.github.rela.evaluation.corpus.Utf8LineReader;
import io.github.rela.model.checkpoint.DirectoryTrees;
import io.github.rela.model.engine.EngineThreads;
import io.github.rela.streams.loadtest.StreamBenchmark;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rela bench-stream}: end-to-end throughput and p50/p99 latency of the streaming app on a
 * fresh embedded broker at several input rates, beside the model.named()'s own batched throughput.
 */
@Command(
    name = "bench-stream",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Measures the streaming app end to end on a fresh embedded broker (exactly-once): for"
          + " inputs offered at several shares of the model's own batched speed (measured right"
          + " before each rate, beside the idle app), the achieved results/s, the p50/p99"
          + " produce-to-result latency, the mean micro-batch and the share of time spent decoding.",
      "With --partitions N the requests topic has N partitions, the requests are spread over them,"
          + " and the rates are offered to the app with one stream thread and then with N, each"
          + " pass ending with a backlog (every sentence at once); it prints the ratio of the two"
          + " backlogs' results/s. Both passes decode with the engine threads of the N-thread app.",
      "With --soak-minutes MINUTES it offers one steady rate instead and samples the process's resident"
          + " memory (VmRSS) and live heap (after a full GC) over time.",
      "Sentences come from Multi30k's test_2016_flickr (RELA_DATA_DIR) when present."
    })
public final class BenchStreamCommand implements Callable<Integer> {

  @Mixin BeamOption beam;

  @Mixin BatchOption batch;

  @Mixin ModelOption model;

  @Mixin SetOption set;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--sentences", defaultValue = "1000", description = "Sentences per rate.")
  int count;

  @Option(
      names = "--rates",
      split = ",",
      defaultValue = "0.5,0.75,1.0,1.5",
      description = "Offered rates as shares of the model's own throughput.")
  double[] rates;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Partitions of the requests topic; above 1, one stream thread is compared with N.")
  int partitions;

  @Option(names = "--linger-ms", defaultValue = "50", description = "Micro-batch linger.")
  long linger;

  @Option(
      names = "--soak-minutes",
      paramLabel = "MINUTES",
      defaultValue = "0",
      description =
          "Instead of the rates: offer --soak-rate of the model's speed for MINUTES and report the"
              + " resident memory and live heap over time, and their growth over the second half.")
  int soakMinutes;

  @Option(
      names = "--soak-rate",
      defaultValue = "0.5",
      description = "The soak's offered rate as a share of the model's throughput.")
  double soakRate;

  @Option(
      names = "--sample-seconds",
      defaultValue = "30",
      description = "Seconds between two memory samples of the soak.")
  int sampleSeconds;

  @Override
  public Integer call() throws Exception {
    if (partitions < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--partitions must be at least 1, got " + partitions);
    }
    Path checkpoint = model.checkpoint();
    Path dataDir = Files.createTempDirectory("rela-bench-stream");
    try {
      run(checkpoint, dataDir);
    } finally {
      DirectoryTrees.delete(dataDir); // the broker's log and the streams state: gigabytes on a soak
    }
    return 0;
  }

  /** The benchmark with its broker and streams state under {@code dataDir}. */
  private void run(Path checkpoint, Path dataDir) throws Exception {
    Map<String, String> overrides = new TreeMap<>(set.values());
    overrides.put(RelaStreamsConfig.MODELS_DIR, checkpoint.toString());
    overrides.put(RelaStreamsConfig.EMBEDDED_DATA_DIR, dataDir.resolve("kafka").toString());
    overrides.put(RelaStreamsConfig.BATCH_SIZE, Integer.toString(batch.value()));
    overrides.put(RelaStreamsConfig.BATCH_LINGER_MS, Long.toString(linger));
    overrides.put(RelaStreamsConfig.BEAM_SIZE, Integer.toString(beam.value()));
    overrides.put(RelaStreamsConfig.TOPIC_PARTITIONS, Integer.toString(partitions));
    overrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(partitions));
    overrides.put("state.dir", dataDir.resolve("state").toString());
    AppSettings settings = ConfigLoader.load(null, Map.of(), overrides);
    // The engine reads its threads once: the model alone and every pass decode with those of
    // the app with a thread per partition.
    overrides.put(RelaStreamsConfig.DECODE_THREADS, Integer.toString(settings.decodeThreads()));
    settings = ConfigLoader.load(null, Map.of(), overrides);
    EngineThreads.configure(settings.decodeThreads());
    StreamBenchmark benchmark =
        new StreamBenchmark(
            checkpoint,
            sentences(),
            batch.value(),
            beam.value(),
            partitions,
            spec.commandLine().getOut());
    if (soakMinutes > 0) {
      benchmark.soak(
          settings, Duration.ofMinutes(soakMinutes), soakRate, Duration.ofSeconds(sampleSeconds));
    } else {
      benchmark.run(settings, rates);
    }
  }

  private List<String> sentences() throws Exception {
    Path test = Multi30k.TEST_2016.file(DataPaths.dataDir(), "de");
    List<String> lines = new ArrayList<>();
    if (Files.exists(test)) {
      try (Utf8LineReader in = Utf8LineReader.open(test)) {
        for (String line = in.readLine();
            line != null && lines.size() < count;
            line = in.readLine()) {
          lines.add(line);
        }
      }
    }
    for (int i = lines.size(); i < count; i++) {
      lines.add("Ein Mann mit einem roten Hut sitzt auf einer Bank im Park Nummer " + i + ".");
    }
    return lines;
  }
}
