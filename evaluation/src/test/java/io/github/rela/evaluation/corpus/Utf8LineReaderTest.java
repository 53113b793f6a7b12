package io.github.rela.evaluation.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Utf8LineReaderTest {

  @TempDir Path dir;

  private static List<String> readAll(Utf8LineReader reader) {
    List<String> lines = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lines.add(line);
    }
    return lines;
  }

  @Test
  void shouldReadGzipAndPlainFilesAlike() throws IOException {
    // Given the same text plain and gzipped (the gzip file without a .gz name)
    String text = "Ein Hund läuft.\nZwei Männer\n";
    Path plain = CorpusFiles.text(dir, "a.txt", text);
    Path gzip = CorpusFiles.gzip(dir, "b.txt", text);
    // When both are read
    try (Utf8LineReader a = Utf8LineReader.open(plain);
        Utf8LineReader b = Utf8LineReader.open(gzip)) {
      // Then they give the same lines
      List<String> expected = List.of("Ein Hund läuft.", "Zwei Männer");
      assertEquals(expected, readAll(a));
      assertEquals(expected, readAll(b));
    }
  }

  @Test
  void shouldSplitOnAllNewlineConventions() {
    // Given LF, CRLF and CR line ends, an empty line and no final newline
    byte[] bytes = "one\r\ntwo\rthree\n\nlast".getBytes(StandardCharsets.UTF_8);
    // When read
    try (Utf8LineReader reader = Utf8LineReader.of(new ByteArrayInputStream(bytes), dir)) {
      List<String> lines = readAll(reader);
      // Then each convention ends a line, like Python's universal newlines
      assertEquals(List.of("one", "two", "three", "", "last"), lines);
      assertEquals(5, reader.lineNumber());
      assertNull(reader.readLine());
    }
  }

  @Test
  void shouldNameFileAndLineOfInvalidUtf8() throws IOException {
    // Given a file whose third line holds a lone continuation byte
    Path file =
        CorpusFiles.bytes(dir, "bad.de", new byte[] {'a', '\n', 'b', '\n', 'c', (byte) 0x80});
    // When read, then the error names the file and line 3
    try (Utf8LineReader reader = Utf8LineReader.open(file)) {
      reader.readLine();
      reader.readLine();
      InvalidUtf8Exception error = assertThrows(InvalidUtf8Exception.class, reader::readLine);
      assertEquals(3, error.line());
      assertEquals("Invalid UTF-8 in " + file + " at line 3", error.getMessage());
    }
  }

  @Test
  void shouldReadLinesLongerThanItsBuffers() {
    // Given one line of 200 000 characters
    String longLine = "x".repeat(200_000);
    byte[] bytes = (longLine + "\nshort").getBytes(StandardCharsets.UTF_8);
    // When read
    try (Utf8LineReader reader = Utf8LineReader.of(new ByteArrayInputStream(bytes), dir)) {
      // Then the line comes back whole
      assertEquals(List.of(longLine, "short"), readAll(reader));
    }
  }
}
