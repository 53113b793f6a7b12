package io.github.rela.streams.bench;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.Translator;
import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.config.AppSettings;
import io.github.rela.streams.config.RelaStreamsConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end speed of the topology on the embedded broker, beside the model's own batched speed
 * measured in the same run: the model translates the sentences directly in batches, then the same
 * sentences are produced to the requests topic at several rates (shares of that speed) and each
 * result's produce-to-result latency is recorded.
 */
public final class StreamBenchmark {

  private final Path model;
  private final List<String> sentences;
  private final int batchSize;
  private final int beam;
  private final PrintWriter out;

  public StreamBenchmark(
      Path model, List<String> sentences, int batchSize, int beam, PrintWriter out) {
    this.model = model;
    this.sentences = List.copyOf(sentences);
    this.batchSize = batchSize;
    this.beam = beam;
    this.out = out;
  }

  /** Runs the whole benchmark and prints its table; {@code settings} point at a broker or none. */
  public void run(AppSettings settings, double[] rateShares) throws Exception {
    double modelSpeed = modelSentencesPerSecond();
    out.printf(
        Locale.ROOT,
        "model alone: %.1f sentences/s (batches of %d in arrival order, beam %d, %d sentences)%n%n",
        modelSpeed,
        batchSize,
        beam,
        sentences.size());
    out.println("offered/s  achieved/s  share of model  p50 ms   p99 ms");
    try (StreamsApp app = StreamsApp.start(settings)) {
      app.awaitRunning(Duration.ofSeconds(120));
      warmUp(app);
      for (double share : rateShares) {
        double offered = share * modelSpeed;
        LatencyRecorder recorder = drive(app, offered, "r" + share + "-");
        double seconds = (recorder.lastArrival() - recorder.firstSend()) / 1e9;
        double achieved = recorder.arrivedCount() / seconds;
        out.printf(
            Locale.ROOT,
            "%9.1f  %10.1f  %13.0f%%  %6.0f  %7.0f%n",
            offered,
            achieved,
            100 * achieved / modelSpeed,
            recorder.percentileMillis(50),
            recorder.percentileMillis(99));
        out.flush();
      }
    }
  }

  private double modelSentencesPerSecond() throws IOException {
    try (NDManager manager = NDManager.newBaseManager();
        Translator translator =
            Translator.open(
                model,
                manager,
                DecodingOptions.defaults().withBeamSize(beam),
                batchSize,
                AttentionView.LAST_LAYER)) {
      translator.translate(sentences.subList(0, Math.min(batchSize, sentences.size())));
      // Batches in arrival order, as the topology forms them: no sorting across batches.
      long start = System.nanoTime();
      for (int from = 0; from < sentences.size(); from += batchSize) {
        translator.translate(sentences.subList(from, Math.min(sentences.size(), from + batchSize)));
      }
      return sentences.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** One unmeasured pass, so that class loading and the first batches do not count. */
  private void warmUp(StreamsApp app) throws Exception {
    drive(app, Double.POSITIVE_INFINITY, "warm-");
  }

  /** Produces every sentence at {@code rate} per second and waits for all their results. */
  private LatencyRecorder drive(StreamsApp app, double rate, String prefix) throws Exception {
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
      for (int i = 0; i < sentences.size(); i++) {
        long due = start + (long) (i / rate * 1e9);
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
        String key = prefix + i;
        recorder.sent(key, System.nanoTime());
        producer.send(
            new ProducerRecord<>(
                s.rela().getString(RelaStreamsConfig.REQUESTS_TOPIC), key, sentences.get(i)));
      }
      producer.flush();
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (recorder.arrivedCount() < sentences.size() && System.nanoTime() < deadline) {
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
                ByteArrayDeserializer.class))) {
      consumer.subscribe(s.rela().outputTopics());
      while (consumer.assignment().isEmpty()) {
        consumer.poll(Duration.ofMillis(50));
      }
      // Resolve the starting positions before anything is produced, so no result is missed.
      consumer.assignment().forEach(consumer::position);
      ready.countDown();
      while (!done.get()) {
        var records = consumer.poll(Duration.ofMillis(20));
        long now = System.nanoTime();
        records.forEach(r -> recorder.arrived(new String(r.key(), StandardCharsets.UTF_8), now));
      }
    }
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
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
