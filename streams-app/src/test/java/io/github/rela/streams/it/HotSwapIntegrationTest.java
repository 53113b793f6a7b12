package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.inference.LanguagePair;
import io.github.rela.streams.inference.ReloadTrigger;
import io.github.rela.streams.metrics.ServingModelMetrics;
import io.github.rela.streams.metrics.TranslationTotals;
import io.github.rela.streams.settings.AppSettings;
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
import java.util.ArrayList;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hot model swap in the middle of a stream, with the shipped model: a corrupted checkpoint is
 * refused while the old model serves on, then a new version takes over between batches, and later
 * the old one again (a rollback). Every request is translated once (read_committed), by the model
 * that served when its batch ran, and a replaced model's memory is given back. Two stream threads
 * share the model, one partition each: the swap reaches both.
 */
class HotSwapIntegrationTest {

  private static final String REQUESTS = "translation-requests";
  private static final String RESULTS = "translation-results";
  private static final String LOW = "translation-low-confidence";
  private static final String DEAD = "translation-dead-letter";
  private static final String REGISTRY = "mock://hot-swap-it";
  private static final LanguagePair DE_EN = new LanguagePair("de", "en");
  private static final List<String> OUTPUTS = List.of(RESULTS, LOW, DEAD);
  private static final int REQUESTS_TOTAL = 300;
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path dir;

  @Test
  void shouldSwapAndRollBackTheModelMidStreamWithoutLosingOrDuplicatingARecord() throws Exception {
    // Given the shipped model as version 1 behind a link, a re-export as version 2, a corrupt copy
    Path versions = dir.resolve("versions");
    Path v1 = CheckpointVersions.copy(CheckpointVersions.shipped(), versions.resolve("de-en-v1"));
    Path v2 = CheckpointVersions.newVersion(v1, versions.resolve("de-en-v2"), "2");
    Path broken = CheckpointVersions.corrupted(v2, versions.resolve("de-en-broken"));
    Path models = Files.createDirectories(dir.resolve("models"));
    Path link = Files.createSymbolicLink(models.resolve("de-en"), v1);

    try (StreamsFixture fixture =
            StreamsFixture.start(dir, 2, List.of(REQUESTS, RESULTS, LOW, DEAD));
        StreamsApp app = StreamsApp.start(settings(fixture, models))) {
      app.awaitRunning(TIMEOUT);
      String oldHash = servingHash(app);
      CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(fixture));

      // When the stream runs on version 1 for a while
      fixture.awaitCommitted(OUTPUTS, 40, TIMEOUT, () -> null);
      long rssBefore = residentKilobytes("before the swap");

      // And a corrupted checkpoint is offered
      offer(link, broken, models);
      await(() -> total(app, ServingModelMetrics.REFUSED_TOTAL) == 1, "the refusal");

      // Then it is refused and version 1 serves on
      assertEquals(oldHash, servingHash(app));

      // When version 2 is offered in the middle of the stream
      offer(link, v2, models);
      await(() -> total(app, ServingModelMetrics.SWAPS_TOTAL) == 1, "the swap");
      String newHash = servingHash(app);
      assertEquals("2", app.models().serving(DE_EN).orElseThrow().getVersion().toString());
      Map<Integer, Long> sentAfterSwap = endOffsets(fixture);
      await(() -> app.models().retiredInUse().isEmpty(), "version 1's release");
      residentKilobytes("after the swap");

      // And, after more results, version 1 is offered again: a rollback
      fixture.awaitCommitted(OUTPUTS, 160, TIMEOUT, () -> null);
      offer(link, v1, models);
      await(() -> total(app, ServingModelMetrics.SWAPS_TOTAL) == 2, "the rollback");
      assertEquals(oldHash, servingHash(app));
      Map<Integer, Long> sentAfterRollback = endOffsets(fixture);
      producing.get();
      fixture.awaitCommitted(OUTPUTS, REQUESTS_TOTAL, TIMEOUT, () -> null);
      Map<String, Double> byThread =
          TranslationTotals.translationsByThread(app.streams().metrics());
      assertEquals(2, byThread.size(), "both stream threads translated: " + byThread);

      // Then version 2 is released once its last batch is done, and its memory with it
      await(() -> app.models().retiredInUse().isEmpty(), "version 2's release");
      long rssAfter = residentKilobytes("after the rollback");
      System.out.printf(
          "VmRSS before the swap %d kB, after the rollback and the release %d kB (%+.1f%%)%n",
          rssBefore, rssAfter, 100.0 * (rssAfter - rssBefore) / rssBefore);
      assertTrue(
          Math.abs(rssAfter - rssBefore) <= rssBefore / 10,
          "VmRSS " + rssBefore + " kB before, " + rssAfter + " kB after");

      // And every request has one result, with version 1, 2, then 1 again in each partition
      assertFalse(oldHash.equals(newHash), "a new checkpoint hash");
      Map<Integer, Map<Long, String>> hashes = resultHashes(fixture);
      assertEquals(REQUESTS_TOTAL, hashes.values().stream().mapToInt(Map::size).sum());
      int[] counts = new int[2];
      for (var partition : hashes.entrySet()) {
        int p = partition.getKey();
        List<String> runs = new ArrayList<>();
        partition
            .getValue()
            .forEach(
                (offset, hash) -> {
                  String at = p + "@" + offset;
                  assertTrue(Set.of(oldHash, newHash).contains(hash), "the checkpoint of " + at);
                  if (offset >= sentAfterSwap.get(p) && offset < sentAfterRollback.get(p)) {
                    assertTrue(
                        hash.equals(newHash) || runs.size() >= 2, "sent after the swap: " + at);
                  } else if (offset >= sentAfterRollback.get(p)) {
                    assertEquals(oldHash, hash, "sent after the rollback: " + at);
                  }
                  if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(hash)) {
                    runs.add(hash);
                  }
                  counts[hash.equals(oldHash) ? 0 : 1]++;
                });
        assertEquals(List.of(oldHash, newHash, oldHash), runs, "the models of partition " + p);
      }
      System.out.printf("%d results of version 1, %d of version 2%n", counts[0], counts[1]);
    }
  }

  /**
   * The committed results by partition and offset of their request, each request once: the
   * checkpoint hash of the model that translated it.
   */
  private static Map<Integer, Map<Long, String>> resultHashes(StreamsFixture fixture) {
    Map<Integer, Map<Long, String>> hashes = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> record : fixture.readAllCommitted(OUTPUTS)) {
      assertFalse(DEAD.equals(record.topic()), "a dead letter");
      TranslationResult result = StreamsFixture.result(record, REGISTRY);
      String id = result.getRequestId().toString();
      String before =
          hashes
              .computeIfAbsent(partitionOf(id), p -> new TreeMap<>())
              .put(offsetOf(id), result.getModel().getCheckpointHash().toString());
      assertEquals(null, before, "a second result for " + id);
    }
    return hashes;
  }

  /** Points the models' link at {@code checkpoint} and touches the trigger. */
  private static void offer(Path link, Path checkpoint, Path models) throws Exception {
    switchLink(link, checkpoint);
    touch(models.resolve(ReloadTrigger.FILE));
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
    // A thread per partition, whatever the cores: every thread's translators must follow the swap.
    s.put("num.stream.threads", "2");
    return s;
  }

  private AppSettings settings(StreamsFixture fixture, Path models) {
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
    try (KafkaProducer<byte[], byte[]> producer = fixture.producer()) {
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

  /**
   * VmRSS of this JVM after a full collection and a trim of the native heap (every second, see the
   * failsafe settings in the pom), in kB.
   */
  private static long residentKilobytes(String when) throws Exception {
    System.gc();
    Thread.sleep(2500);
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        long rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        System.out.printf(
            "VmRSS %s: %d kB (Java heap committed %d kB)%n",
            when, rss, Runtime.getRuntime().totalMemory() / 1024);
        return rss;
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
}
