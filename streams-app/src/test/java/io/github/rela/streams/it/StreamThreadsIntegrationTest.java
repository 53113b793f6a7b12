package io.github.rela.streams.it;

import static io.github.rela.streams.testing.StreamsFixture.DEAD_LETTER;
import static io.github.rela.streams.testing.StreamsFixture.OUTPUTS;
import static io.github.rela.streams.testing.StreamsFixture.TOPICS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.metrics.TranslationTotals;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.settings.RelaStreamsConfig;
import io.github.rela.streams.testing.StreamsFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stream threads over a two-partition requests topic: each thread takes one partition and
 * translates its requests with its own translator over the one loaded model, one engine thread
 * each, and every request still ends exactly once in one of the output topics (read_committed).
 */
class StreamThreadsIntegrationTest {

  private static final String REGISTRY = "mock://stream-threads-it";
  private static final int REQUESTS = 240;

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void shouldTranslateOnBothStreamThreadsExactlyOnce() throws Exception {
    try (StreamsFixture fixture = StreamsFixture.start(dir, 2, TOPICS)) {
      // Given the application with two stream threads and the derived engine threads, settled
      // with one partition's task on each thread (the threads join the group one after the
      // other, so a first assignment may give both tasks to one of them until the next)
      AppSettings settings = ConfigLoader.load(null, Map.of(), settings(fixture));
      assertEquals(1, settings.decodeThreads());
      Map<String, Double> byThread;
      List<ThreadMetadata> threads;
      List<String> ids;
      try (StreamsApp app = StreamsApp.start(settings)) {
        awaitOneTaskPerThread(app, Duration.ofMinutes(2));

        // When requests arrive on both partitions of the requests topic
        ids = fixture.producePlainText(0, REQUESTS);
        Set<String> partitions =
            ids.stream().map(id -> id.substring(0, id.indexOf('@'))).collect(Collectors.toSet());
        assertEquals(2, partitions.size(), "requests in both partitions: " + partitions);
        fixture.awaitCommitted(OUTPUTS, REQUESTS, Duration.ofMinutes(3), () -> Apps.problem(app));
        byThread = TranslationTotals.translationsByThread(app.streams().metrics());
        threads = List.copyOf(app.streams().metadataForLocalThreads());
      }

      // Then each thread owns one partition's task and translated requests of it
      assertEquals(2, threads.size(), "stream threads: " + threads);
      for (ThreadMetadata thread : threads) {
        assertEquals(1, thread.activeTasks().size(), "the tasks of " + thread.threadName());
      }
      assertEquals(2, byThread.size(), "translations by thread: " + byThread);
      byThread.forEach((thread, n) -> assertTrue(n > 0, thread + " translated nothing"));

      // And every request is in the outputs exactly once
      OutputIds outputs =
          new OutputIds(REGISTRY, DEAD_LETTER).count(fixture.readAllCommitted(OUTPUTS));
      assertEquals(Map.of(), outputs.notExactlyOnce(ids));
      assertEquals(Map.of(), outputs.deadLetters);
    }
  }

  /** Waits until the application runs with exactly one active task on each stream thread. */
  private static void awaitOneTaskPerThread(StreamsApp app, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<ThreadMetadata> threads = app.streams().metadataForLocalThreads();
    while (!oneTaskEach(threads)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no settled assignment of one task per stream thread after "
                + timeout
                + ": "
                + threads);
      }
      Thread.sleep(100);
      threads = app.streams().metadataForLocalThreads();
    }
  }

  private static boolean oneTaskEach(Set<ThreadMetadata> threads) {
    return threads.size() == 2
        && threads.stream()
            .allMatch(t -> t.activeTasks().size() == 1 && "RUNNING".equals(t.threadState()));
  }

  /** The fixture's application with two stream threads and the engine threads left to derive. */
  private Map<String, String> settings(StreamsFixture fixture) {
    Map<String, String> s =
        new TreeMap<>(fixture.appSettings("stream-threads-it", REGISTRY, fixture.tinyModels()));
    s.put("num.stream.threads", "2");
    s.remove(RelaStreamsConfig.DECODE_THREADS);
    s.put("state.dir", dir.resolve("state").toString());
    return s;
  }
}
