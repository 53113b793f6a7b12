package io.github.rela.training.log;

import io.github.rela.evaluation.plot.Chart;
import io.github.rela.evaluation.plot.Series;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** Draws a training log as pictures: loss (training and validation) and validation BLEU. */
public final class TrainingCurves {

  private TrainingCurves() {}

  /**
   * Writes {@code loss.png} and, when the log has validation BLEU, {@code bleu.png} into {@code
   * dir}.
   */
  public static void plot(List<LogEntry> log, String title, Path dir) {
    List<LogEntry> train = of(log, LogEntry.TRAIN);
    List<LogEntry> valid = of(log, LogEntry.VALID);
    Chart loss = new Chart(title + ": loss", "step", "loss per target token");
    loss.add(Series.line("training", steps(train), values(train, LogEntry::loss)));
    if (!valid.isEmpty()) {
      loss.add(Series.line("validation", steps(valid), values(valid, LogEntry::loss)));
    }
    loss.writePng(dir.resolve("loss.png"), 720, 420);

    List<LogEntry> scored = valid.stream().filter(e -> e.bleu() != null).toList();
    if (!scored.isEmpty()) {
      new Chart(title + ": validation BLEU", "step", "BLEU")
          .add(Series.line("validation", steps(scored), values(scored, LogEntry::bleu)))
          .writePng(dir.resolve("bleu.png"), 720, 420);
    }
  }

  private static List<LogEntry> of(List<LogEntry> log, String kind) {
    return log.stream().filter(e -> Objects.equals(e.kind(), kind)).toList();
  }

  private static double[] steps(List<LogEntry> entries) {
    return entries.stream().mapToDouble(LogEntry::step).toArray();
  }

  private static double[] values(List<LogEntry> entries, ToDoubleFunction<LogEntry> value) {
    return entries.stream().mapToDouble(value).toArray();
  }
}
