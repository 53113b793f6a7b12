package io.github.rela.training.compare;

import io.github.rela.training.log.LogEntry;
import io.github.rela.training.log.TrainingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How far and how fast a run trained, from its {@code train-log.jsonl}.
 *
 * @param steps optimizer updates reached
 * @param minutes wall-clock training time, across resumes
 * @param tokensPerSecond mean of the logged target tokens per second
 */
public record TrainingFigures(long steps, double minutes, double tokensPerSecond) {

  static final String LOG_FILE = "train-log.jsonl";

  /** The figures of the run that wrote {@code checkpoint}, when its log sits beside it. */
  public static Optional<TrainingFigures> ofCheckpoint(Path checkpoint) {
    return of(logOf(checkpoint));
  }

  /** The training log of the run that wrote {@code checkpoint}; empty when there is none. */
  public static List<LogEntry> logOf(Path checkpoint) {
    Path parent = checkpoint.toAbsolutePath().normalize().getParent();
    Path log = parent == null ? null : parent.resolve(LOG_FILE);
    return log != null && Files.isRegularFile(log) ? TrainingLog.read(log) : List.of();
  }

  static Optional<TrainingFigures> of(List<LogEntry> log) {
    List<LogEntry> train =
        log.stream()
            .filter(e -> LogEntry.TRAIN.equals(e.kind()) && e.tokensPerSecond() != null)
            .toList();
    if (train.isEmpty()) {
      return Optional.empty();
    }
    // The last entry may be the final validation, a few steps after the last training report.
    LogEntry last = log.get(log.size() - 1);
    double meanSpeed =
        train.stream().mapToDouble(LogEntry::tokensPerSecond).average().orElseThrow();
    long steps = log.stream().mapToLong(LogEntry::step).max().orElseThrow();
    return Optional.of(new TrainingFigures(steps, last.elapsedSeconds() / 60, meanSpeed));
  }
}
