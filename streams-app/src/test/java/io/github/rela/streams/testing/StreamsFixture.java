package io.github.rela.streams.testing;

import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.serde.RequestIds;
import io.github.rela.schemas.serde.TranslationResultDeserializer;
import io.github.rela.streams.local.EmbeddedKafkaBroker;
import io.github.rela.streams.local.TopicCreator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the integration tests share: a real KRaft broker in this JVM (on a free port), its topics, a
 * tiny real checkpoint and read_committed readers of the output topics.
 */
public final class StreamsFixture implements AutoCloseable {

  public static final String REQUESTS = "translation-requests";
  public static final String RESULTS = "translation-results";
  public static final String LOW_CONFIDENCE = "translation-low-confidence";
  public static final String DEAD_LETTER = "translation-dead-letter";

  /** The topics every request ends in. */
  public static final List<String> OUTPUTS = List.of(RESULTS, LOW_CONFIDENCE, DEAD_LETTER);

  /** The requests topic and the outputs. */
  public static final List<String> TOPICS = List.of(REQUESTS, RESULTS, LOW_CONFIDENCE, DEAD_LETTER);

  private final Path dir;
  private final EmbeddedKafkaBroker broker;

  private StreamsFixture(Path dir, EmbeddedKafkaBroker broker) {
    this.dir = dir;
    this.broker = broker;
  }

  /** A fresh broker with its data under {@code dir}/kafka and {@code topics} created. */
  public static StreamsFixture start(Path dir, int partitions, List<String> topics) {
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka"), 0).start();
    TopicCreator.createMissing(broker.bootstrapServers(), topics, partitions, (short) 1);
    return new StreamsFixture(dir, broker);
  }

  /**
   * Stops the broker, waits {@code downtime}, and starts it again on the same ports with the same
   * log directory: what its clients see of a broker restart.
   */
  public void restartBroker(Duration downtime) throws InterruptedException {
    broker.close();
    Thread.sleep(downtime.toMillis());
    broker.start();
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Writes the tiny de-en checkpoint under {@code dir}/models; returns that models directory. */
  public Path tinyModels() {
    return TinyCheckpoint.write(dir.resolve("models"));
  }

  /** A producer of raw keys and values, e.g. plain-text requests. */
  public KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  /** A committed result record's value, read with the schemas of {@code registryUrl}. */
  public static TranslationResult result(
      ConsumerRecord<byte[], byte[]> record, String registryUrl) {
    try (TranslationResultDeserializer deserializer = new TranslationResultDeserializer()) {
      deserializer.configure(Map.of("schema.registry.url", registryUrl), false);
      return deserializer.deserialize(record.topic(), record.value());
    }
  }

  /** A consumer of {@code topics} from the beginning that sees committed records only. */
  public KafkaConsumer<byte[], byte[]> readCommitted(List<String> topics) {
    return readCommitted(bootstrapServers(), topics);
  }

  /** The same on any cluster, e.g. a containerised one. */
  public static KafkaConsumer<byte[], byte[]> readCommitted(
      String bootstrapServers, List<String> topics) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "verifier-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    consumer.subscribe(topics);
    return consumer;
  }

  /** Every committed record of {@code topics}: reads until 3 s pass without a new one. */
  public List<ConsumerRecord<byte[], byte[]>> readAllCommitted(List<String> topics) {
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = readCommitted(topics)) {
      int empty = 0;
      while (empty < 15) {
        var records = consumer.poll(Duration.ofMillis(200));
        empty = records.isEmpty() ? empty + 1 : 0;
        records.forEach(all::add);
      }
    }
    return all;
  }

  /**
   * Waits until {@code topics} hold at least {@code count} committed records; fails with the
   * message of {@code problem} as soon as it returns one (e.g. the application died), or on time.
   */
  public void awaitCommitted(
      List<String> topics, int count, Duration timeout, Supplier<String> problem) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = readCommitted(topics)) {
      while (seen < count) {
        String trouble = problem.get();
        if (trouble != null) {
          throw new AssertionError(trouble);
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("only " + seen + " of " + count + " records in " + topics);
        }
        seen += consumer.poll(Duration.ofMillis(200)).count();
      }
    }
  }

  /**
   * The settings of an application on this broker with the tiny model in {@code models}: small
   * batches, beam 2, one stream thread with one decoding thread, frequent commits.
   */
  public Map<String, String> appSettings(String applicationId, String registryUrl, Path models) {
    Map<String, String> s = new TreeMap<>();
    s.put("bootstrap.servers", bootstrapServers());
    s.put("application.id", applicationId);
    s.put("schema.registry.url", registryUrl);
    s.put("rela.models.dir", models.toString());
    s.put("rela.batch.size", "8");
    s.put("rela.batch.linger.ms", "100");
    s.put("rela.decode.beam.size", "2");
    s.put("rela.decode.threads", "1");
    s.put("num.stream.threads", "1");
    s.put("commit.interval.ms", "200");
    return s;
  }

  /** Sends one request; returns its coordinates, the request id of a request that names none. */
  public static String send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value)
      throws Exception {
    RecordMetadata m =
        producer
            .send(new ProducerRecord<>(REQUESTS, key.getBytes(StandardCharsets.UTF_8), value))
            .get();
    return RequestIds.fromCoordinates(m.topic(), m.partition(), m.offset());
  }

  /** The plain-text request number {@code i}: two German sentences in turn. */
  public static String sentence(int i) {
    return "ein mann " + (i % 2 == 0 ? "läuft im park" : "spielt mit dem hund");
  }

  /** Sends plain-text requests {@code from} (inclusive) to {@code to}; returns their ids. */
  public List<String> producePlainText(int from, int to) throws Exception {
    List<String> ids = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (int i = from; i < to; i++) {
        ids.add(send(producer, "r-" + i, sentence(i).getBytes(StandardCharsets.UTF_8)));
      }
    }
    return ids;
  }

  @Override
  public void close() {
    broker.close();
  }
}
