package io.github.rela.training.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void shouldShowStepLossSpeedAndEta() {
    String line = ProgressBar.render(250, 1000, 3.14159, 5210.4, Duration.ofSeconds(1264));

    assertEquals(
        "step  250/1000 [######..................]  25% loss 3.142    5,210 tok/s ETA 21m04s",
        line);
  }

  @Test
  void shouldFormatLongAndUnknownEtas() {
    assertEquals("2h05m", ProgressBar.format(Duration.ofMinutes(125)));
    assertEquals("--", ProgressBar.format(null));
  }

  @Test
  void shouldRedrawInPlaceOnTerminalAndEndTheLineWhenDone() {
    // Given a bar on a terminal
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar =
        new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2, 0, true);

    // When two steps complete
    bar.update(1, 2.0, 100);
    bar.update(2, 1.0, 100);

    // Then both updates were drawn over each other and the final one ends the line
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, out.chars().filter(c -> c == '\r').count());
    assertTrue(out.endsWith(System.lineSeparator()), out);
    assertTrue(out.contains("step 2/2"), out);
  }

  @Test
  void shouldPrintPlainLinesSparinglyOffTerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar =
        new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100, 0, false);

    for (int step = 1; step <= 100; step++) {
      bar.update(step, 1.0, 10);
    }

    // the first update and the last one; the others fall within the 10 s interval
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
    assertEquals(2, lines.length);
    assertTrue(lines[1].contains("100/100"), lines[1]);
  }

  @Test
  void shouldCapTheEtaAtTheTimeBudget() {
    // Given a run of 1,000 steps that must also stop within 5 minutes
    ProgressBar bar =
        new ProgressBar(new PrintStream(new ByteArrayOutputStream()), 1000, 0, false)
            .until(Duration.ofMinutes(5));

    // When one step took a second (999 more steps would take over 16 minutes)
    Duration eta = bar.eta(1, System.nanoTime() + 1_000_000_000L);

    // Then the ETA is the time budget's, not the step budget's
    assertTrue(eta.compareTo(Duration.ofMinutes(5)) <= 0, eta.toString());
    assertTrue(eta.compareTo(Duration.ofMinutes(4)) > 0, eta.toString());
  }
}
