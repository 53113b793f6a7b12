package io.github.rela.connect.bench;

import ai.djl.ndarray.NDManager;
import io.github.rela.connect.ModelLease;
import io.github.rela.connect.SharedModels;
import io.github.rela.connect.Translate;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.Translator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Per-record latency and throughput of the transform, as a task calls it: one record at a time on
 * one thread, the whole string value translated, beside the same model translating the same
 * sentences in batches of 32 (what the streams app does).
 *
 * <p>Run (from the repository root; PyTorch threads with {@code -Dai.djl.pytorch.num_threads}):
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl connect -am test-compile
 * java -Dai.djl.pytorch.num_threads=1 \
 *   -cp connect/target/test-classes:connect/target/classes:$(cat connect/target/test-classpath.txt) \
 *   io.github.rela.connect.bench.TransformBenchmark models/de-en \
 *   ../shared/data/multi30k/test_2016_flickr.de.gz 300 4,1
 * </pre>
 */
public final class TransformBenchmark {

  private static final int WARM_UP = 20;
  private static final int BATCH = 32;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private TransformBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: TransformBenchmark MODEL_DIR SENTENCES(.gz) COUNT BEAMS(4,1)");
      System.exit(2);
    }
    Path model = Path.of(args[0]);
    List<String> sentences = read(Path.of(args[1]), Integer.parseInt(args[2]));
    System.out.printf(
        Locale.ROOT,
        "%d sentences of %s, PyTorch threads %s%n",
        sentences.size(),
        args[1],
        System.getProperty("ai.djl.pytorch.num_threads", "default"));
    System.out.println(
        "| beam | p50 ms | p95 ms | p99 ms | records/s | CPU ms/record | records/CPU-s |"
            + " batched (32) sent/s | batched sent/CPU-s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (String beam : args[3].split(",")) {
      int beamSize = Integer.parseInt(beam.strip());
      Timing single = perRecord(model, beamSize, sentences);
      Timing batched = batched(model, beamSize, sentences);
      double[] latencies = single.wallMs().clone();
      Arrays.sort(latencies);
      System.out.printf(
          Locale.ROOT,
          "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
          beamSize,
          percentile(latencies, 0.50),
          percentile(latencies, 0.95),
          percentile(latencies, 0.99),
          sentences.size() / (single.totalWallMs() / 1000),
          single.totalCpuMs() / sentences.size(),
          sentences.size() / (single.totalCpuMs() / 1000),
          sentences.size() / (batched.totalWallMs() / 1000),
          sentences.size() / (batched.totalCpuMs() / 1000));
    }
  }

  /**
   * Wall-clock milliseconds of each call, and the CPU time of the calling thread in all: with one
   * PyTorch thread the model computes on the caller's thread, so CPU time is what an idle core
   * would take, whatever else the machine runs.
   */
  private record Timing(double[] wallMs, double totalCpuMs) {
    double totalWallMs() {
      return Arrays.stream(wallMs).sum();
    }
  }

  /** Each {@code apply}, after a warm-up. */
  private static Timing perRecord(Path model, int beamSize, List<String> sentences) {
    Translate<SourceRecord> transform = new Translate<>();
    transform.configure(Map.of("model.dir", model.toString(), "beam.size", beamSize));
    try {
      for (String sentence : sentences.subList(0, Math.min(WARM_UP, sentences.size()))) {
        transform.apply(record(sentence));
      }
      double[] latencies = new double[sentences.size()];
      long cpuStart = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < sentences.size(); i++) {
        SourceRecord record = record(sentences.get(i));
        long start = System.nanoTime();
        transform.apply(record);
        latencies[i] = (System.nanoTime() - start) / 1e6;
      }
      return new Timing(latencies, (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e6);
    } finally {
      transform.close();
    }
  }

  /** The same model translating every sentence in batches, after a warm-up. */
  private static Timing batched(Path model, int beamSize, List<String> sentences)
      throws IOException {
    DecodingOptions decoding = DecodingOptions.defaults().withBeamSize(beamSize);
    try (ModelLease lease = SharedModels.acquire(model);
        NDManager manager = NDManager.newBaseManager();
        Translator translator =
            Translator.open(
                lease.checkpoint(), manager, decoding, BATCH, AttentionView.LAST_LAYER)) {
      translator.translate(sentences.subList(0, Math.min(WARM_UP, sentences.size())));
      long cpuStart = CPU.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      translator.translate(sentences);
      double wallMs = (System.nanoTime() - start) / 1e6;
      return new Timing(new double[] {wallMs}, (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e6);
    }
  }

  private static SourceRecord record(String sentence) {
    return new SourceRecord(Map.of(), Map.of(), "captions", 0, Schema.STRING_SCHEMA, sentence);
  }

  private static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  private static List<String> read(Path file, int count) throws IOException {
    List<String> lines = new ArrayList<>();
    var in = Files.newInputStream(file);
    var stream = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null && lines.size() < count; ) {
        lines.add(line);
        line = reader.readLine();
      }
    }
    return lines;
  }
}
