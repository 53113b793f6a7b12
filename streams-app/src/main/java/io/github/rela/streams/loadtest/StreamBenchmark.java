package io.github.rela.streams.loadtest;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.Translator;
import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.local.LocalMode;
import io.github.rela.streams.metrics.TranslationTotals;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * End-to-end speed of the topology on the embedded broker, beside the model's own batched speed
 * measured in the same run: before each rate the model translates the sentences directly in
 * batches, then the same sentences are produced to the requests topic at a share of that speed and
 * each result's produce-to-result latency is recorded. The mean micro-batch and the share of the
 * time a stream thread spent decoding (from the app's own metrics) tell whether a shortfall lies in
 * the batches or around them.
 *
 * <p>With several partitions the requests are spread over them in turn, and the same rates are
 * offered twice on the same broker: to the application with one stream thread, then with one thread
 * per partition, each pass ending with a backlog (every sentence at once) whose results/s are the
 * throughput; the ratio of the two backlogs says what the threads add.
 *
 * <p>{@link #soak} instead offers one steady rate for a long time and samples the process's memory
 * (resident and live heap) as it goes: whether the application leaks.
 */
public final class StreamBenchmark {

  private static final int WARM_UP_SENTENCES = 256;

  private final Path model;
  private final List<String> sentences;
  private final int batchSize;
  private final int beam;
  private final int partitions;
  private final PrintWriter out;

  /**
   * @param partitions of the requests topic, which the generated requests are spread over
   */
  public StreamBenchmark(
      Path model,
      List<String> sentences,
      int batchSize,
      int beam,
      int partitions,
      PrintWriter out) {
    this.model = model;
    this.sentences = List.copyOf(sentences);
    this.batchSize = batchSize;
    this.beam = beam;
    this.partitions = partitions;
    this.out = out;
  }

  /**
   * Runs the whole benchmark and prints its table; {@code settings} point at a broker or none. With
   * several partitions, one pass with one stream thread and one with a thread per partition.
   */
  public void run(AppSettings settings, double[] rateShares) throws Exception {
    List<Integer> passes = partitions == 1 ? List.of(1) : List.of(1, partitions);
    out.printf(
        Locale.ROOT,
        "batches of %d, beam %d, %d sentences per rate, %d request partition(s), %d engine"
            + " thread(s) per stream thread; the model alone translates them in batches in arrival"
            + " order right before each rate; 'all' offers every sentence at once%n%n",
        batchSize,
        beam,
        sentences.size(),
        partitions,
        settings.decodeThreads());
    out.println(
        "threads  model/s  offered/s  achieved/s  share of model  p50 ms   p99 ms  mean batch"
            + "  decoding  lost/dup  cores used");
    Map<Integer, Double> backlogs = new LinkedHashMap<>();
    try (ModelAlone alone = new ModelAlone();
        LocalMode local = LocalMode.prepare(settings)) {
      for (int threads : passes) {
        AppSettings pass = local.settings().with(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        try (StreamsApp app = startWarm(pass, alone.translator)) {
          for (double share : rateShares) {
            measure(alone.translator, app, threads, share);
          }
          backlogs.put(threads, measure(alone.translator, app, threads, Double.POSITIVE_INFINITY));
          printThreadShares(app);
        }
      }
    }
    printSpeedUp(backlogs);
  }

  /**
   * Offers {@code share} of the model's speed (infinite: all at once), prints the row and returns
   * the results/s achieved.
   */
  private double measure(Translator translator, StreamsApp app, int threads, double share)
      throws Exception {
    // Measured anew each time, beside an idle app: this machine's speed drifts over minutes.
    double modelSpeed = modelSentencesPerSecond(translator, sentences);
    double offered = share * modelSpeed;
    TranslationTotals before = TranslationTotals.of(app.streams().metrics());
    long cpuBefore = processCpuNanos();
    LatencyRecorder recorder = drive(app, sentences, offered, "t" + threads + "r" + share + "-");
    TranslationTotals during = TranslationTotals.of(app.streams().metrics()).minus(before);
    double seconds = (recorder.lastArrival() - recorder.firstSend()) / 1e9;
    double achieved = recorder.arrivedCount() / seconds;
    out.printf(
        Locale.ROOT,
        "%7d  %7.1f  %9s  %10.1f  %13.0f%%  %6.0f  %7.0f  %10.1f  %7.0f%%  %4d/%d  %10.2f%n",
        threads,
        modelSpeed,
        Double.isInfinite(offered) ? "all" : String.format(Locale.ROOT, "%.1f", offered),
        achieved,
        100 * achieved / modelSpeed,
        recorder.percentileMillis(50),
        recorder.percentileMillis(99),
        during.meanBatch(),
        100 * during.decodeMillis() / 1000 / seconds / threads,
        sentences.size() - recorder.arrivedCount(),
        recorder.duplicates(),
        (processCpuNanos() - cpuBefore) / 1e9 / seconds);
    out.flush();
    return achieved;
  }

  /**
   * CPU time of this whole process (app, embedded broker, load generator) so far: over a rate, the
   * cores the process got, which on a shared machine can be fewer than it has.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** How the translations of a pass divided between its stream threads. */
  private void printThreadShares(StreamsApp app) {
    Map<String, Double> byThread = TranslationTotals.translationsByThread(app.streams().metrics());
    StringBuilder line = new StringBuilder("        translations by stream thread:");
    byThread.forEach(
        (thread, n) ->
            line.append(
                String.format(
                    Locale.ROOT,
                    " thread %s: %.0f",
                    thread.substring(thread.lastIndexOf('-') + 1),
                    n)));
    out.println(line);
    out.flush();
  }

  private void printSpeedUp(Map<Integer, Double> backlogs) {
    if (backlogs.size() < 2) {
      return;
    }
    double one = backlogs.get(1);
    backlogs.forEach(
        (threads, achieved) -> {
          if (threads > 1) {
            out.printf(
                Locale.ROOT,
                "%nbacklog throughput, %d stream threads / 1: %.1f / %.1f results/s = %.2fx%n",
                threads,
                achieved,
                one,
                achieved / one);
          }
        });
    out.flush();
  }

  /**
   * Offers {@code rateShare} of the model's speed without pause for {@code duration}, sampling the
   * memory every {@code every}, then prints the growth over the second half: the first half holds
   * the start-up and the filling of caches, pools and the broker's segments.
   */
  public void soak(AppSettings settings, Duration duration, double rateShare, Duration every)
      throws Exception {
    withModelAndApp(
        settings,
        (translator, app) -> {
          double offered = rateShare * modelSentencesPerSecond(translator, sentences);
          out.printf(
              Locale.ROOT,
              "soak: %.1f requests/s (%.0f%% of the model's speed) for %d min, batches of %d, beam %d;"
                  + " memory of this process (app, embedded broker, load generator) every %d s%n%n",
              offered,
              100 * rateShare,
              duration.toMinutes(),
              batchSize,
              beam,
              every.toSeconds());
          out.println("   min  results  results/s   RSS MiB  live heap MiB");
          List<MemorySample> samples = new ArrayList<>();
          SteadyLoad load = new SteadyLoad(app.settings(), sentences, offered);
          load.start();
          try {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            for (long next = start; next <= end; next += every.toNanos()) {
              LockSupport.parkNanos(next - System.nanoTime());
              MemorySample sample =
                  MemorySample.take((System.nanoTime() - start) / 1e9, load.arrived());
              printRow(sample, samples.isEmpty() ? null : samples.get(samples.size() - 1));
              samples.add(sample);
            }
          } finally {
            load.stop();
          }
          printGrowth(samples.subList(samples.size() / 2, samples.size()));
        });
  }

  private void printRow(MemorySample sample, MemorySample previous) {
    double rate =
        previous == null
            ? 0
            : (sample.results() - previous.results()) / (sample.seconds() - previous.seconds());
    out.printf(
        Locale.ROOT,
        "%6.1f  %7d  %9.1f  %8.0f  %13.0f%n",
        sample.seconds() / 60,
        sample.results(),
        rate,
        sample.rssMiB(),
        sample.liveHeapMiB());
    out.flush();
  }

  private void printGrowth(List<MemorySample> secondHalf) {
    MemorySample first = secondHalf.get(0);
    MemorySample last = secondHalf.get(secondHalf.size() - 1);
    out.printf(
        Locale.ROOT,
        "%nsecond half (%.1f to %.1f min): RSS %+.0f MiB (slope %+.0f MiB/h), live heap %+.1f MiB"
            + " (slope %+.1f MiB/h)%n",
        first.seconds() / 60,
        last.seconds() / 60,
        last.rssMiB() - first.rssMiB(),
        MemorySample.slopePerHour(secondHalf, MemorySample::rssMiB),
        last.liveHeapMiB() - first.liveHeapMiB(),
        MemorySample.slopePerHour(secondHalf, MemorySample::liveHeapMiB));
    out.flush();
  }

  /** The model alone and the application on the embedded broker, both warmed up. */
  private void withModelAndApp(AppSettings settings, ModelAndApp body) throws Exception {
    try (ModelAlone alone = new ModelAlone();
        LocalMode local = LocalMode.prepare(settings);
        StreamsApp app = startWarm(local.settings(), alone.translator)) {
      body.run(alone.translator, app);
    }
  }

  /** The application, running and warmed up. */
  private StreamsApp startWarm(AppSettings settings, Translator translator) throws Exception {
    StreamsApp app = StreamsApp.start(settings);
    try {
      app.awaitRunning(Duration.ofSeconds(120));
      warmUp(app, translator);
      return app;
    } catch (Exception | Error e) {
      app.close();
      throw e;
    }
  }

  /** The model alone, in its own arrays. */
  private final class ModelAlone implements AutoCloseable {
    private final NDManager manager = NDManager.newBaseManager();
    private final Translator translator;

    ModelAlone() throws IOException {
      try {
        translator =
            Translator.open(
                model,
                manager,
                DecodingOptions.defaults().withBeamSize(beam),
                batchSize,
                AttentionView.LAST_LAYER);
      } catch (IOException | RuntimeException e) {
        manager.close();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        translator.close();
      } finally {
        manager.close();
      }
    }
  }

  /** What a measurement does with the model and the application. */
  @FunctionalInterface
  private interface ModelAndApp {
    void run(Translator translator, StreamsApp app) throws Exception;
  }

  /** Batches in arrival order, as the topology forms them: no sorting across batches. */
  private double modelSentencesPerSecond(Translator translator, List<String> toTranslate) {
    long start = System.nanoTime();
    for (int from = 0; from < toTranslate.size(); from += batchSize) {
      translator.translate(
          toTranslate.subList(from, Math.min(toTranslate.size(), from + batchSize)));
    }
    return toTranslate.size() / ((System.nanoTime() - start) / 1e9);
  }

  /** Unmeasured passes of both paths, so that class loading and compilation do not count. */
  private void warmUp(StreamsApp app, Translator translator) throws Exception {
    List<String> some = sentences.subList(0, Math.min(WARM_UP_SENTENCES, sentences.size()));
    modelSentencesPerSecond(translator, some);
    drive(app, some, Double.POSITIVE_INFINITY, "warm-");
  }

  /** Produces {@code toSend} at {@code rate} per second and waits for all their results. */
  private LatencyRecorder drive(StreamsApp app, List<String> toSend, double rate, String prefix)
      throws Exception {
    AppSettings s = app.settings();
    String bootstrap = s.kafka().get("bootstrap.servers").toString();
    LatencyRecorder recorder = new LatencyRecorder();
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader = new Thread(() -> read(bootstrap, s, recorder, ready, done), "bench-reader");
    reader.start();
    ready.await();
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      long start = System.nanoTime();
      for (int i = 0; i < toSend.size(); i++) {
        long due = start + (long) (i / rate * 1e9);
        // Parks rather than spins: a spinning producer would take a core from the decoder.
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        String key = prefix + i;
        recorder.sent(key, System.nanoTime());
        producer.send(
            new ProducerRecord<>(
                s.rela().getString(RelaStreamsConfig.REQUESTS_TOPIC),
                i % partitions,
                key,
                toSend.get(i)));
      }
      producer.flush();
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (recorder.arrivedCount() < toSend.size() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    done.set(true);
    reader.join();
    return recorder;
  }

  private static void read(
      String bootstrap,
      AppSettings s,
      LatencyRecorder recorder,
      CountDownLatch ready,
      AtomicBoolean done) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        resultsConsumer(bootstrap, s.rela().outputTopics())) {
      ready.countDown();
      while (!done.get()) {
        var records = consumer.poll(Duration.ofMillis(20));
        long now = System.nanoTime();
        records.forEach(r -> recorder.arrived(new String(r.key(), StandardCharsets.UTF_8), now));
      }
    }
  }

  /**
   * A read_committed consumer of {@code topics} positioned at their ends before anything more is
   * produced, so that no result is missed.
   */
  static KafkaConsumer<byte[], byte[]> resultsConsumer(String bootstrap, List<String> topics) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "rela-bench-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    consumer.subscribe(topics);
    while (consumer.assignment().isEmpty()) {
      consumer.poll(Duration.ofMillis(50));
    }
    consumer.assignment().forEach(consumer::position);
    return consumer;
  }

  static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.LINGER_MS_CONFIG,
            0,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class));
  }
}
