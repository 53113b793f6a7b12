package io.github.rela.training.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar for long work, redrawn in place on a terminal ({@code \r}) and printed as
 * plain lines at most every few seconds otherwise, so that CI logs stay readable.
 *
 * <pre>step  1200/8000 [#####.................]  15% loss 3.412  5,210 tok/s  ETA 21m04s</pre>
 */
public final class ProgressBar {

  private static final int WIDTH = 24;
  private static final long PLAIN_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

  private final PrintStream out;
  private final long total;
  private final boolean terminal;
  private final long startNanos;
  private final long startDone;
  private long lastPrintNanos;
  private long deadlineNanos = Long.MAX_VALUE;

  /**
   * @param total the number of steps of the whole run
   * @param startDone steps already done before this process (a resumed run), not counted for speed
   */
  public ProgressBar(PrintStream out, long total, long startDone, boolean terminal) {
    this.out = out;
    this.total = total;
    this.terminal = terminal;
    this.startNanos = System.nanoTime();
    this.startDone = startDone;
  }

  /** A bar on stderr, redrawn in place when stderr is a console. */
  public static ProgressBar onStderr(long total, long startDone) {
    return new ProgressBar(System.err, total, startDone, System.console() != null);
  }

  /**
   * Caps the ETA at {@code timeLeft} from now, for work that also stops at a time budget (training
   * runs stop at whichever of their step and time budgets comes first).
   */
  public ProgressBar until(Duration timeLeft) {
    deadlineNanos = System.nanoTime() + Math.max(0, timeLeft.toNanos());
    return this;
  }

  /** Shows the state after {@code done} steps, with the loss and throughput of recent steps. */
  public void update(long done, double loss, double tokensPerSecond) {
    long now = System.nanoTime();
    if (!terminal && now - lastPrintNanos < PLAIN_INTERVAL_NANOS && done < total) {
      return;
    }
    lastPrintNanos = now;
    String line = render(done, total, loss, tokensPerSecond, eta(done, now));
    if (terminal) {
      out.print("\r" + line);
      if (done >= total) {
        out.println();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the line of an in-place bar so that later output starts on a fresh line. */
  public void finish() {
    if (terminal) {
      out.println();
    }
  }

  static String render(long done, long total, double loss, double tokensPerSecond, Duration eta) {
    double share = total > 0 ? Math.min(1.0, (double) done / total) : 0;
    int filled = (int) Math.round(share * WIDTH);
    String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    int digits = String.valueOf(total).length();
    return String.format(
        Locale.ROOT,
        "step %" + digits + "d/%d [%s] %3.0f%% loss %.3f %,8.0f tok/s ETA %s",
        done,
        total,
        bar,
        share * 100,
        loss,
        tokensPerSecond,
        format(eta));
  }

  Duration eta(long done, long now) {
    long doneHere = done - startDone;
    if (doneHere <= 0) {
      return null;
    }
    double nanosPerStep = (double) (now - startNanos) / doneHere;
    long bySteps = (long) (nanosPerStep * Math.max(0, total - done));
    return Duration.ofNanos(Math.min(bySteps, Math.max(0, deadlineNanos - now)));
  }

  static String format(Duration eta) {
    if (eta == null) {
      return "--";
    }
    long s = eta.toSeconds();
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
