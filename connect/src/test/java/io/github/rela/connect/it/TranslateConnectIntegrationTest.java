package io.github.rela.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.FutureCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The plugin as a worker runs it, the tests in order on one worker: the archive built by {@code
 * package} on {@code plugin.path}, the transform absent from the test's class path, the shipped
 * de-en model, Kafka's file connectors on both ends, and records the transform refuses handled by
 * Connect's own error handling.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TranslateConnectIntegrationTest {

  private static final String TRANSFORM = "io.github.rela.connect.Translate";
  private static final Path PLUGIN_PATH = Path.of(System.getProperty("rela.connect.plugin.path"));
  private static final Path MODEL = Path.of(System.getProperty("rela.model.dir"));
  private static final String CAPTION_SCHEMA =
      "{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int32\"},"
          + "{\"field\":\"text\",\"type\":\"%s\"}]}";

  @TempDir static Path dir;
  private static EmbeddedConnect connect;
  private static final ListAppender<ILoggingEvent> ERRORS = new ListAppender<>();
  private static final ListAppender<ILoggingEvent> MODEL_LOG = new ListAppender<>();

  @BeforeAll
  static void startWorker() throws Exception {
    ERRORS.start();
    errorLogger().addAppender(ERRORS);
    MODEL_LOG.start();
    modelLogger().addAppender(MODEL_LOG);
    connect = EmbeddedConnect.start(dir, PLUGIN_PATH);
    connect.createTopics("captions-en", "reviews", "reviews-dlq");
  }

  @AfterAll
  static void stopWorker() throws Exception {
    if (connect != null) {
      connect.close();
    }
    errorLogger().detachAppender(ERRORS);
    modelLogger().detachAppender(MODEL_LOG);
  }

  private static Logger errorLogger() {
    return (Logger) LoggerFactory.getLogger("org.apache.kafka.connect.runtime.errors");
  }

  /** The plugin logs through the worker's SLF4J, so its events reach the test's appender. */
  private static Logger modelLogger() {
    return (Logger) LoggerFactory.getLogger("io.github.rela.connect.SharedModels");
  }

  @Test
  @Order(1)
  void shouldLoadTheTransformFromThePluginArchiveAndValidateItsSettings() throws Exception {
    // Given a worker whose class path lacks the transform
    assertThrows(ClassNotFoundException.class, () -> Class.forName(TRANSFORM));

    // Then it found the transform in the archive, by its service entry
    PluginDesc<?> plugin =
        connect.herder().plugins().transformations().stream()
            .filter(desc -> desc.className().equals(TRANSFORM))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + TRANSFORM + " among the plugins"));
    assertTrue(plugin.location().contains(PLUGIN_PATH.toString()), plugin.location());
    assertTrue(plugin.version().startsWith("0."), plugin.version());

    // And it reports an invalid setting of the transform by name, before any task starts
    Map<String, String> config = sourceConfig(dir.resolve("none.txt"));
    config.put("transforms.translate.beam.size", "0");
    FutureCallback<ConfigInfos> validated = new FutureCallback<>();
    connect.herder().validateConnectorConfig(config, validated);
    String errors = validated.get().toString();
    assertTrue(validated.get().errorCount() > 0, errors);
    assertTrue(errors.contains("beam.size"), errors);
  }

  @Test
  @Order(2)
  void shouldPackTheZipInConfluentHubLayoutWithoutTheWorkersOwnJars() throws Exception {
    // Given the zip that package built
    Path zip = Path.of(System.getProperty("rela.connect.plugin.zip"));
    String root = zip.getFileName().toString().replaceFirst("\\.zip$", "/");
    List<String> entries = new ArrayList<>();
    JsonNode manifest;
    try (ZipFile file = new ZipFile(zip.toFile())) {
      file.stream().forEach(entry -> entries.add(entry.getName()));
      manifest =
          new ObjectMapper().readTree(file.getInputStream(file.getEntry(root + "manifest.json")));
    }

    // Then it holds the manifest, the docs and the jars under one directory
    assertTrue(entries.stream().allMatch(name -> name.startsWith(root)), entries.toString());
    assertTrue(entries.contains(root + "doc/README.md"), entries.toString());
    assertTrue(entries.stream().anyMatch(name -> name.matches(".*/lib/rela-connect-.*\\.jar")));
    assertTrue(
        entries.stream().anyMatch(name -> name.matches(".*/lib/pytorch-native-cpu-.*\\.jar")));
    assertEquals("transform", manifest.get("component_types").get(0).asText());
    assertTrue(
        root.startsWith(
            manifest.get("owner").get("username").asText()
                + "-"
                + manifest.get("name").asText()
                + "-"
                + manifest.get("version").asText()),
        root);

    // And none of the jars the worker provides
    for (String provided : List.of("kafka-clients", "connect-api", "connect-transforms", "slf4j")) {
      assertTrue(
          entries.stream().noneMatch(name -> name.contains("/lib/" + provided)),
          provided + " in " + entries);
    }
  }

  @Test
  @Order(3)
  void shouldTranslateAFileIntoATopicAndSkipTheLineItCannotTranslate() throws Exception {
    // Given a file of German captions with an over-long line among them
    Path captions = dir.resolve("captions.de.txt");
    String tooLong = "Ein sehr langer Satz über einen Hund. ".repeat(8);
    Files.write(
        captions,
        List.of(
            "Ein Hund rennt über eine Wiese.",
            tooLong,
            "Zwei Männer spielen Fußball.",
            "Eine Frau liest ein Buch."),
        StandardCharsets.UTF_8);

    // When a file source connector translates each line into the topic
    connect.startConnector("captions-source", sourceConfig(captions));
    List<ConsumerRecord<String, String>> records = read("captions-en", 3);

    // Then the three captions arrive in English, with the evidence in headers
    assertTrue(lower(records.get(0).value()).contains("dog"), records.get(0).value());
    assertTrue(lower(records.get(1).value()).contains("men"), records.get(1).value());
    assertTrue(lower(records.get(2).value()).contains("book"), records.get(2).value());
    assertEquals("false", header(records.get(0), "translation_low_confidence"));
    for (ConsumerRecord<String, String> record : records) {
      double score = Double.parseDouble(header(record, "translation_score"));
      double nullRate = Double.parseDouble(header(record, "translation_null_rate"));
      assertTrue(score < 0, "score " + score);
      assertTrue(nullRate >= 0 && nullRate <= 1, "null rate " + nullRate);
      double quality = Double.parseDouble(header(record, "translation_quality"));
      assertTrue(quality > 0 && quality <= 100, "quality " + quality);
    }

    // And the long line was skipped with its reason logged, the task still running
    assertTrue(
        ERRORS.list.stream()
            .anyMatch(
                event ->
                    event.getThrowableProxy() != null
                        && event.getThrowableProxy().getMessage().startsWith("[TEXT_TOO_LONG]")),
        "no TEXT_TOO_LONG among " + ERRORS.list);
    assertEquals("RUNNING", connect.taskState("captions-source"));
  }

  @Test
  @Order(4)
  void shouldTranslateAStructFieldIntoASinkAndSendBadRecordsToTheDeadLetterQueue()
      throws Exception {
    // Given JSON records with schemas: two captions, a number where the text belongs, an empty text
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>("reviews", "1", caption(1, "Ein Hund rennt.")));
      producer.send(new ProducerRecord<>("reviews", "2", numericCaption(2)));
      producer.send(new ProducerRecord<>("reviews", "3", caption(3, "")));
      producer.send(new ProducerRecord<>("reviews", "4", caption(4, "Ein Mann fährt Fahrrad.")));
    }

    // When a file sink connector with the transform and a dead-letter queue consumes them
    Path out = dir.resolve("reviews.en.txt");
    connect.startConnector("reviews-sink", sinkConfig(out));

    // Then the two captions reach the file with their translation fields
    EmbeddedConnect.await(
        Duration.ofSeconds(60), () -> lines(out).size() >= 2, () -> "two lines in " + lines(out));
    List<String> written = lines(out);
    assertEquals(2, written.size(), written.toString());
    assertTrue(lower(field(written.get(0), "translation")).contains("dog"), written.get(0));
    assertTrue(lower(field(written.get(1), "translation")).contains("man"), written.get(1));
    for (String line : written) {
      assertTrue(Double.parseDouble(field(line, "translation_score")) < 0, line);
      assertTrue(field(line, "translation_low_confidence").matches("true|false"), line);
    }

    // And the other two are in the dead-letter queue, each with the reason the transform gave
    List<ConsumerRecord<String, String>> dead = read("reviews-dlq", 2);
    assertTrue(exceptionMessage(dead.get(0)).startsWith("[NOT_A_STRING]"), dead.get(0).toString());
    assertTrue(exceptionMessage(dead.get(1)).startsWith("[EMPTY_TEXT]"), dead.get(1).toString());
    for (ConsumerRecord<String, String> record : dead) {
      assertEquals(TRANSFORM, header(record, "__connect.errors.class.name"));
      assertEquals("TRANSFORMATION", header(record, "__connect.errors.stage"));
    }
    assertEquals("RUNNING", connect.taskState("reviews-sink"));

    // And the sink's task used the model the source's task loaded (both still run)
    long loads =
        MODEL_LOG.list.stream()
            .filter(event -> event.getFormattedMessage().startsWith("Loaded the model"))
            .count();
    assertEquals(1, loads, "model loads: " + MODEL_LOG.list);
  }

  /** A file source into captions-en, translating each line; failures skipped and logged. */
  private static Map<String, String> sourceConfig(Path file) {
    Map<String, String> config =
        fileConnector("org.apache.kafka.connect.file.FileStreamSourceConnector", file);
    config.put("topic", "captions-en");
    config.put("transforms.translate.language.pair", "de-en");
    config.put("transforms.translate.input.max.chars", "200");
    config.put("errors.log.enable", "true");
    config.put("errors.log.include.messages", "true");
    return config;
  }

  /** A file sink of JSON Structs from reviews, translating their 'text'; failures to the DLQ. */
  private static Map<String, String> sinkConfig(Path file) {
    Map<String, String> config =
        fileConnector("org.apache.kafka.connect.file.FileStreamSinkConnector", file);
    config.put("topics", "reviews");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "true");
    config.put("transforms.translate.source.field", "text");
    config.put("transforms.translate.beam.size", "1");
    config.put("errors.deadletterqueue.topic.name", "reviews-dlq");
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
    return config;
  }

  /** One task of a file connector with the transform on the shipped model, tolerating errors. */
  private static Map<String, String> fileConnector(String connectorClass, Path file) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", connectorClass);
    config.put("tasks.max", "1");
    config.put("file", file.toString());
    config.put("transforms", "translate");
    config.put("transforms.translate.type", TRANSFORM);
    config.put("transforms.translate.model.dir", MODEL.toString());
    config.put("errors.tolerance", "all");
    return config;
  }

  private static String caption(int id, String text) {
    return "{\"schema\":"
        + String.format(Locale.ROOT, CAPTION_SCHEMA, "string")
        + ",\"payload\":{\"id\":"
        + id
        + ",\"text\":\""
        + text
        + "\"}}";
  }

  private static String numericCaption(int id) {
    return "{\"schema\":"
        + String.format(Locale.ROOT, CAPTION_SCHEMA, "int32")
        + ",\"payload\":{\"id\":"
        + id
        + ",\"text\":5}}";
  }

  /** A field of a Struct as FileStreamSink writes it: {@code Struct{id=1,text=...,...}}. */
  private static String field(String struct, String name) {
    Matcher matcher = Pattern.compile("[{,]" + Pattern.quote(name) + "=([^,}]*)").matcher(struct);
    assertTrue(matcher.find(), "no " + name + " in " + struct);
    return matcher.group(1);
  }

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", connect.bootstrapServers()),
        new StringSerializer(),
        new StringSerializer());
  }

  /** The first {@code count} records of the one-partition {@code topic}. */
  private static List<ConsumerRecord<String, String>> read(String topic, int count)
      throws InterruptedException {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", connect.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      EmbeddedConnect.await(
          Duration.ofSeconds(60),
          () -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.size() >= count;
          },
          () -> count + " records in " + topic + ", got " + records);
    }
    return records.subList(0, count);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertTrue(header != null, "no header " + name + " in " + record);
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String exceptionMessage(ConsumerRecord<?, ?> record) {
    return header(record, "__connect.errors.exception.message");
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
