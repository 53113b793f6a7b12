package io.github.rela.evaluation.corpus;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the aligned pairs of two line-aligned files (plain or gzip) without holding them in
 * memory. Errors are raised where they are found: an empty file before the first pair, invalid
 * UTF-8 at its line, and a line-count mismatch when one side ends first (after counting the rest of
 * the longer side, so the message gives both totals).
 */
public final class ParallelCorpusReader implements Iterator<SentencePair>, Closeable {

  private final Utf8LineReader source;
  private final Utf8LineReader target;
  private SentencePair next;

  private ParallelCorpusReader(Utf8LineReader source, Utf8LineReader target) {
    this.source = source;
    this.target = target;
  }

  /**
   * Opens the pair of files.
   *
   * @throws EmptyCorpusException when either file has no lines
   */
  public static ParallelCorpusReader open(Path source, Path target) {
    Utf8LineReader sourceReader = Utf8LineReader.open(source);
    Utf8LineReader targetReader;
    try {
      targetReader = Utf8LineReader.open(target);
    } catch (RuntimeException e) {
      sourceReader.close();
      throw e;
    }
    ParallelCorpusReader reader = new ParallelCorpusReader(sourceReader, targetReader);
    try {
      reader.advance();
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
    return reader;
  }

  /** A stream of the pairs that closes the files when the stream is closed. */
  public static Stream<SentencePair> stream(Path source, Path target) {
    ParallelCorpusReader reader = open(source, target);
    Spliterator<SentencePair> spliterator =
        Spliterators.spliteratorUnknownSize(
            reader, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE);
    return StreamSupport.stream(spliterator, false).onClose(reader::close);
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public SentencePair next() {
    if (next == null) {
      throw new NoSuchElementException();
    }
    SentencePair current = next;
    advance();
    return current;
  }

  @Override
  public void close() {
    try {
      source.close();
    } finally {
      target.close();
    }
  }

  private void advance() {
    String sourceLine = source.readLine();
    String targetLine = target.readLine();
    if (sourceLine != null && targetLine != null) {
      next = new SentencePair(source.lineNumber(), sourceLine, targetLine);
      return;
    }
    next = null;
    if (sourceLine == null && targetLine == null) {
      if (source.lineNumber() == 0) {
        throw new EmptyCorpusException(source.file());
      }
      return;
    }
    if (source.lineNumber() == 0 || target.lineNumber() == 0) {
      throw new EmptyCorpusException(sourceLine == null ? source.file() : target.file());
    }
    throw new LineCountMismatchException(
        source.file(), countRest(source), target.file(), countRest(target));
  }

  /** Reads to the end and returns the total number of lines of the file. */
  private static long countRest(Utf8LineReader reader) {
    while (reader.readLine() != null) {
      // only the count matters
    }
    return reader.lineNumber();
  }
}
