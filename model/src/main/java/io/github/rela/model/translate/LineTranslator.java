package io.github.rela.model.translate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a stream of lines to a stream of result lines, in order: lines are read in chunks (a
 * few batches at a time, so that sorting by length pays off) and each chunk is written before the
 * next is read, so memory stays bounded however long the input.
 */
public final class LineTranslator {
  private final Translator translator;
  private final OutputFormat format;
  private final boolean withAttention;
  private final int chunkSize;

  /**
   * @param chunkSize lines translated together (sorted by length across the chunk)
   */
  public LineTranslator(
      Translator translator, OutputFormat format, boolean withAttention, int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1, got " + chunkSize);
    }
    this.translator = translator;
    this.format = format;
    this.withAttention = withAttention;
    this.chunkSize = chunkSize;
  }

  /**
   * Translates every line of {@code in} to {@code out}.
   *
   * @return the number of lines translated
   */
  public long run(BufferedReader in, PrintWriter out) throws IOException {
    long count = 0;
    List<String> chunk = new ArrayList<>(chunkSize);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      chunk.add(line);
      if (chunk.size() == chunkSize) {
        count += flush(chunk, out);
      }
    }
    return count + flush(chunk, out);
  }

  private int flush(List<String> chunk, PrintWriter out) {
    int size = chunk.size();
    for (Translation result : translator.translate(chunk)) {
      out.println(format.line(result, withAttention));
    }
    out.flush();
    chunk.clear();
    return size;
  }
}
