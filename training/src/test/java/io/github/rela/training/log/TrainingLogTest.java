package io.github.rela.training.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {

  @TempDir Path dir;

  @Test
  void shouldRoundTripEntriesAsJsonLines() throws Exception {
    Path file = dir.resolve("train-log.jsonl");
    try (TrainingLog log = TrainingLog.open(file, 0)) {
      log.append(LogEntry.train(100, 5.5, 1e-4, 4200, 60));
      log.append(LogEntry.valid(100, 5.9, 3.2, 75));
    }

    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).contains("\"tokens_per_s\":4200.0"), lines.get(0));
    assertFalse(lines.get(0).contains("bleu"), lines.get(0));
    assertEquals(
        List.of(LogEntry.train(100, 5.5, 1e-4, 4200, 60), LogEntry.valid(100, 5.9, 3.2, 75)),
        TrainingLog.read(file));
  }

  @Test
  void shouldDropEntriesAfterTheResumedStep() {
    // Given a log that went to step 300 before the run was cut off
    Path file = dir.resolve("train-log.jsonl");
    try (TrainingLog log = TrainingLog.open(file, 0)) {
      for (long step = 100; step <= 300; step += 100) {
        log.append(LogEntry.train(step, 1.0, 1e-4, 1000, step));
      }
    }

    // When the run resumes from its checkpoint at step 200
    try (TrainingLog log = TrainingLog.open(file, 200)) {
      log.append(LogEntry.train(300, 0.9, 1e-4, 1000, 310));
    }

    // Then the log holds steps 100, 200 and the new 300 once
    assertEquals(
        List.of(100L, 200L, 300L), TrainingLog.read(file).stream().map(LogEntry::step).toList());
    assertEquals(0.9, TrainingLog.read(file).get(2).loss());
  }

  @Test
  void shouldPlotLossAndBleuCurves() {
    List<LogEntry> log =
        List.of(
            LogEntry.train(100, 6, 1e-4, 1000, 10),
            LogEntry.train(200, 4, 2e-4, 1000, 20),
            LogEntry.valid(200, 4.5, 10.0, 25));

    TrainingCurves.plot(log, "test run", dir);

    assertTrue(Files.exists(dir.resolve("loss.png")));
    assertTrue(Files.exists(dir.resolve("bleu.png")));
  }
}
