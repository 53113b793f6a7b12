package io.github.rela.evaluation.corpus;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a text file line by line, gunzipping it when it starts with the gzip magic bytes, and
 * decoding each line as strict UTF-8 so that a bad byte is reported with its line number instead of
 * turning into U+FFFD. Lines end at {@code \n}, {@code \r\n} or {@code \r}, as in Python's
 * universal newlines, which is how sacreBLEU and most NMT tools read text.
 */
public final class Utf8LineReader implements Closeable {

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private final Path file;
  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  private long lineNumber;

  private Utf8LineReader(Path file, InputStream in) {
    this.file = file;
    this.in = in;
  }

  /** Opens {@code file}, plain or gzip. */
  public static Utf8LineReader open(Path file) {
    try {
      return new Utf8LineReader(file, openMaybeGzip(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Reads from a stream (e.g. standard input); {@code name} appears in error messages. */
  public static Utf8LineReader of(InputStream in, Path name) {
    return new Utf8LineReader(name, in);
  }

  /** The next line without its terminator, or null at the end of the file. */
  public String readLine() {
    try {
      int length = 0;
      int b = read();
      if (b < 0) {
        return null;
      }
      while (b >= 0 && b != '\n' && b != '\r') {
        if (length == line.length) {
          line = Arrays.copyOf(line, 2 * length);
        }
        line[length++] = (byte) b;
        b = read();
      }
      if (b == '\r' && peek() == '\n') {
        position++;
      }
      lineNumber++;
      return decode(length);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** The number of lines read so far; the 1-based number of the last line returned. */
  public long lineNumber() {
    return lineNumber;
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + file, e);
    }
  }

  /** The next byte (0-255), or -1 at the end. */
  private int read() throws IOException {
    int b = peek();
    if (b >= 0) {
      position++;
    }
    return b;
  }

  /** The next byte without consuming it, or -1 at the end. */
  private int peek() throws IOException {
    if (position == limit) {
      limit = Math.max(0, in.read(buffer));
      position = 0;
      if (limit == 0) {
        return -1;
      }
    }
    return buffer[position] & 0xff;
  }

  private String decode(int length) {
    try {
      return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidUtf8Exception(file, lineNumber);
    }
  }

  private static InputStream openMaybeGzip(Path file) throws IOException {
    BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    boolean gzip = raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2;
    raw.reset();
    if (!gzip) {
      return raw;
    }
    return new GZIPInputStream(raw, 1 << 16);
  }
}
