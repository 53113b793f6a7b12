package io.github.rela.cli;

import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.evaluation.corpus.Multi30k;
import io.github.rela.evaluation.corpus.Utf8LineReader;
import io.github.rela.model.engine.EngineThreads;
import io.github.rela.streams.loadtest.StreamBenchmark;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
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

  @Option(names = "--linger-ms", defaultValue = "50", description = "Micro-batch linger.")
  long linger;

  @Override
  public Integer call() throws Exception {
    Path checkpoint = model.checkpoint();
    Path dataDir = Files.createTempDirectory("rela-bench-stream");
    Map<String, String> overrides = new TreeMap<>(set.values());
    overrides.put(RelaStreamsConfig.MODELS_DIR, checkpoint.toString());
    overrides.put(RelaStreamsConfig.EMBEDDED_DATA_DIR, dataDir.resolve("kafka").toString());
    overrides.put(RelaStreamsConfig.BATCH_SIZE, Integer.toString(batch.value()));
    overrides.put(RelaStreamsConfig.BATCH_LINGER_MS, Long.toString(linger));
    overrides.put(RelaStreamsConfig.BEAM_SIZE, Integer.toString(beam.value()));
    overrides.put(RelaStreamsConfig.TOPIC_PARTITIONS, "1");
    overrides.put("state.dir", dataDir.resolve("state").toString());
    AppSettings settings = ConfigLoader.load(null, Map.of(), overrides);
    // Before the model alone runs, so that both paths decode with the same threads.
    EngineThreads.configure(settings.rela().decodeThreads());
    new StreamBenchmark(
            checkpoint, sentences(), batch.value(), beam.value(), spec.commandLine().getOut())
        .run(settings, rates);
    return 0;
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
