package io.github.rela.training.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.training.log.LogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingFiguresTest {

  @Test
  void shouldSummariseTheTrainingLog() {
    // Given a log with two training reports and validation reports, the last after the last step
    List<LogEntry> log =
        List.of(
            LogEntry.train(25, 5.0, 1e-4, 900, 60),
            LogEntry.valid(25, 4.0, 3.0, 70),
            LogEntry.train(50, 4.0, 2e-4, 1100, 120),
            LogEntry.valid(53, 3.9, 4.0, 130));

    // When summarised
    TrainingFigures figures = TrainingFigures.of(log).orElseThrow();

    // Then it reports the final step and time, and the mean speed of the training reports
    assertEquals(53, figures.steps());
    assertEquals(130 / 60.0, figures.minutes(), 1e-12);
    assertEquals(1000, figures.tokensPerSecond(), 1e-12);
    assertTrue(TrainingFigures.of(List.of()).isEmpty());
  }
}
