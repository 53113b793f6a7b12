package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.serde.TranslationResultDeserializer;
import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.inference.LanguagePair;
import io.github.rela.streams.inference.ReloadTrigger;
import io.github.rela.streams.metrics.ServingModelMetrics;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.testing.CheckpointVersions;
import io.github.rela.streams.testing.StreamsFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hot model swap in the middle of a stream, with the shipped model: a corrupted checkpoint is
 * refused while the old model serves on, then a new version takes over between batches. Every
 * request is translated once (read_committed), by the old model before the swap and by the new one
 * after it, and the old model's memory is given back.
 */
class HotSwapIntegrationTest {

  private static final String REQUESTS = "translation-requests";
  private static final String RESULTS = "translation-results";
  private static final String LOW = "translation-low-confidence";
  private static final String DEAD = "translation-dead-letter";
  private static final String REGISTRY = "mock://hot-swap-it";
  private static final LanguagePair DE_EN = new LanguagePair("de", "en");
  private static final int REQUESTS_TOTAL = 240;
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path dir;

  @Test
  void shouldSwapTheModelMidStreamWithoutLosingOrDuplicatingARecord() throws Exception {
    // Given the shipped model as version 1 behind a link, a re-export as version 2, a corrupt copy
    Path versions = dir.resolve("versions");
    Path v1 = CheckpointVersions.copy(CheckpointVersions.shipped(), versions.resolve("de-en-v1"));
    Path v2 = CheckpointVersions.reexport(v1, versions.resolve("de-en-v2"), "2");
    Path broken = CheckpointVersions.corrupted(v2, versions.resolve("de-en-broken"));
    Path models = Files.createDirectories(dir.resolve("models"));
    Path link = Files.createSymbolicLink(models.resolve("de-en"), v1);

    try (StreamsFixture fixture =
            StreamsFixture.start(dir, 2, List.of(REQUESTS, RESULTS, LOW, DEAD));
        StreamsApp app = StreamsApp.start(settings(fixture, models))) {
      app.awaitRunning(TIMEOUT);
      String oldHash = app.models().serving(DE_EN).orElseThrow().getCheckpointHash().toString();
      CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(fixture));

      // When the stream runs on the old model for a while
      fixture.awaitCommitted(List.of(RESULTS, LOW), 40, TIMEOUT, () -> null);
      long rssBefore = residentKilobytes();

      // And a corrupted checkpoint is offered
      switchLink(link, broken);
      touch(models.resolve(ReloadTrigger.FILE));
      await(() -> total(app, ServingModelMetrics.REFUSED_TOTAL) == 1, "the refusal");

      // Then it is refused and the old model serves on
      assertEquals(oldHash, servingHash(app));

      // When the new version is offered in the middle of the stream
      switchLink(link, v2);
      touch(models.resolve(ReloadTrigger.FILE));
      await(() -> total(app, ServingModelMetrics.SWAPS_TOTAL) == 1, "the swap");
      String newHash = servingHash(app);
      Map<Integer, Long> firstAfterSwap = endOffsets(fixture);
      producing.get();
      fixture.awaitCommitted(List.of(RESULTS, LOW), REQUESTS_TOTAL, TIMEOUT, () -> null);

      // Then the old model is released once its last batch is done, and its memory with it
      await(() -> app.models().retiredInUse().isEmpty(), "the old model's release");
      long rssAfter = residentKilobytes();
      System.out.printf(
          "VmRSS before the swap %d kB, after the old model's release %d kB (%+.1f%%)%n",
          rssBefore, rssAfter, 100.0 * (rssAfter - rssBefore) / rssBefore);
      assertTrue(
          Math.abs(rssAfter - rssBefore) <= rssBefore / 10,
          "VmRSS " + rssBefore + " kB before, " + rssAfter + " kB after");

      // And every request has one result: the old hash before the swap, the new one after it
      assertFalse(oldHash.equals(newHash), "a new checkpoint hash");
      assertEquals("2", app.models().serving(DE_EN).orElseThrow().getVersion().toString());
      Map<String, Integer> seen = new HashMap<>();
      Map<Integer, Map<Long, String>> hashes = new TreeMap<>();
      for (ConsumerRecord<byte[], byte[]> record :
          fixture.readAllCommitted(List.of(RESULTS, LOW, DEAD))) {
        assertFalse(DEAD.equals(record.topic()), "a dead letter");
        TranslationResult result = decode(record);
        String id = result.getRequestId().toString();
        seen.merge(id, 1, Integer::sum);
        assertTrue(
            Set.of(oldHash, newHash).contains(result.getModel().getCheckpointHash().toString()),
            "the checkpoint of " + id);
        hashes
            .computeIfAbsent(partitionOf(id), p -> new TreeMap<>())
            .put(offsetOf(id), result.getModel().getCheckpointHash().toString());
      }
      assertEquals(REQUESTS_TOTAL, seen.size(), "distinct requests translated");
      seen.forEach((id, n) -> assertEquals(1, n, "results for " + id));
      int oldCount = 0;
      int newCount = 0;
      for (var partition : hashes.entrySet()) {
        boolean swapped = false;
        for (var offsetAndHash : partition.getValue().entrySet()) {
          String at = partition.getKey() + "@" + offsetAndHash.getKey();
          if (offsetAndHash.getValue().equals(oldHash)) {
            assertFalse(swapped, "the old model after the new one at " + at);
            assertTrue(
                offsetAndHash.getKey() < firstAfterSwap.get(partition.getKey()),
                "the old model for a request sent after the swap at " + at);
            oldCount++;
          } else {
            swapped = true;
            newCount++;
          }
        }
      }
      System.out.printf("%d results from the old model, %d from the new one%n", oldCount, newCount);
      assertTrue(oldCount >= 40 && newCount > 0, oldCount + " old, " + newCount + " new");
    }
  }

  private Map<String, String> kafka(StreamsFixture fixture, Path models) {
    Map<String, String> s = new TreeMap<>();
    s.put("bootstrap.servers", fixture.bootstrapServers());
    s.put("application.id", "hot-swap-it");
    s.put("schema.registry.url", REGISTRY);
    s.put("state.dir", dir.resolve("state").toString());
    s.put("commit.interval.ms", "200");
    s.put("rela.models.dir", models.toString());
    s.put("rela.models.reload.interval.ms", "200");
    s.put("rela.batch.size", "8");
    s.put("rela.batch.linger.ms", "100");
    s.put("rela.decode.beam.size", "1");
    s.put("rela.decode.threads", "1");
    return s;
  }

  private io.github.rela.streams.settings.AppSettings settings(
      StreamsFixture fixture, Path models) {
    return ConfigLoader.load(null, Map.of(), kafka(fixture, models));
  }

  /** Sends the requests at about 20 a second, so that the swap falls in the middle. */
  private static void produce(StreamsFixture fixture) {
    String[] texts = {
      "ein mann läuft im park .",
      "zwei hunde spielen im schnee .",
      "eine frau liest ein buch .",
      "kinder spielen auf der straße ."
    };
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      for (int i = 0; i < REQUESTS_TOTAL; i++) {
        byte[] key = ("k-" + i).getBytes(StandardCharsets.UTF_8);
        byte[] text = texts[i % texts.length].getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(REQUESTS, key, text)).get();
        Thread.sleep(50);
      }
    } catch (Exception e) {
      throw new IllegalStateException("producing the requests failed", e);
    }
  }

  /** The next offset of each requests partition: requests sent from now on. */
  private static Map<Integer, Long> endOffsets(StreamsFixture fixture) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> latest =
          Map.of(
              new TopicPartition(REQUESTS, 0), OffsetSpec.latest(),
              new TopicPartition(REQUESTS, 1), OffsetSpec.latest());
      Map<Integer, Long> offsets = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((tp, info) -> offsets.put(tp.partition(), info.offset()));
      return offsets;
    }
  }

  /** Points the link at {@code target} atomically, as {@code ln -sfn} and {@code mv -T} would. */
  private static void switchLink(Path link, Path target) throws Exception {
    Path next = link.resolveSibling(link.getFileName() + ".next");
    Files.createSymbolicLink(next, target);
    Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void touch(Path file) throws Exception {
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
  }

  private static String servingHash(StreamsApp app) {
    return app.models().serving(DE_EN).orElseThrow().getCheckpointHash().toString();
  }

  private static double total(StreamsApp app, String metric) {
    for (Map.Entry<MetricName, ? extends Metric> entry : app.modelMetrics().metrics().entrySet()) {
      if (entry.getKey().name().equals(metric)) {
        return ((Number) entry.getValue().metricValue()).doubleValue();
      }
    }
    return 0;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  /** VmRSS of this JVM after a full collection, in kB. */
  private static long residentKilobytes() throws Exception {
    System.gc();
    Thread.sleep(500);
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  /** The partition of an id {@code topic-partition@offset}. */
  private static int partitionOf(String id) {
    String coordinates = id.substring(0, id.indexOf('@'));
    return Integer.parseInt(coordinates.substring(coordinates.lastIndexOf('-') + 1));
  }

  private static long offsetOf(String id) {
    return Long.parseLong(id.substring(id.indexOf('@') + 1));
  }

  private static TranslationResult decode(ConsumerRecord<byte[], byte[]> record) {
    TranslationResultDeserializer deserializer = new TranslationResultDeserializer();
    deserializer.configure(Map.of("schema.registry.url", REGISTRY), false);
    return deserializer.deserialize(record.topic(), record.value());
  }
}
