package io.github.rela.training.log;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The training log as JSON Lines ({@code train-log.jsonl} in the run directory): appended as the
 * run goes, flushed at every entry, so a run that is cut off keeps its history, and a resumed run
 * first drops the entries after the step it resumes from.
 */
public final class TrainingLog implements AutoCloseable {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path file;
  private final BufferedWriter out;

  private TrainingLog(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /** Opens the log for appending, keeping only entries up to {@code resumeStep}. */
  public static TrainingLog open(Path file, long resumeStep) {
    try {
      List<LogEntry> kept = read(file).stream().filter(e -> e.step() <= resumeStep).toList();
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      BufferedWriter out =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
      TrainingLog log = new TrainingLog(file, out);
      for (LogEntry entry : kept) {
        log.append(entry);
      }
      return log;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the training log " + file, e);
    }
  }

  public void append(LogEntry entry) {
    try {
      out.write(JSON.writeValueAsString(entry));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to the training log " + file, e);
    }
  }

  /** Every entry of a log file, in order; an absent file is an empty log. */
  public static List<LogEntry> read(Path file) {
    List<LogEntry> entries = new ArrayList<>();
    if (!Files.exists(file)) {
      return entries;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          entries.add(JSON.readValue(line, LogEntry.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the training log " + file, e);
    }
    return entries;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the training log " + file, e);
    }
  }
}
