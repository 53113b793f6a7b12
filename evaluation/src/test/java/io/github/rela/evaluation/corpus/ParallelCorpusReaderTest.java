package io.github.rela.evaluation.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelCorpusReaderTest {

  @TempDir Path dir;

  private static List<SentencePair> readAll(Path source, Path target) {
    try (Stream<SentencePair> pairs = ParallelCorpusReader.stream(source, target)) {
      return pairs.toList();
    }
  }

  @Test
  void shouldPairLinesByNumber() throws IOException {
    // Given a gzipped source and a plain target of two lines each
    Path de = CorpusFiles.gzip(dir, "train.de.gz", "Ein Hund.\nZwei Katzen.\n");
    Path en = CorpusFiles.text(dir, "train.en", "A dog.\nTwo cats.\n");
    // When read
    List<SentencePair> pairs = readAll(de, en);
    // Then lines are paired with their numbers
    assertEquals(
        List.of(
            new SentencePair(1, "Ein Hund.", "A dog."),
            new SentencePair(2, "Zwei Katzen.", "Two cats.")),
        pairs);
  }

  @Test
  void shouldNameBothFilesAndCountsWhenLineCountsDiffer() throws IOException {
    // Given a source with 3 lines and a target with 5
    Path de = CorpusFiles.text(dir, "a.de", "1\n2\n3\n");
    Path en = CorpusFiles.text(dir, "a.en", "1\n2\n3\n4\n5\n");
    // When read, then the error names both files and both counts
    LineCountMismatchException error =
        assertThrows(LineCountMismatchException.class, () -> readAll(de, en));
    assertEquals(3, error.sourceLines());
    assertEquals(5, error.targetLines());
    assertEquals(
        "Parallel files differ in line count: " + de + " has 3 lines but " + en + " has 5 lines",
        error.getMessage());
  }

  @Test
  void shouldReportTheLongerSourceToo() throws IOException {
    // Given a source longer than its target
    Path de = CorpusFiles.text(dir, "b.de", "1\n2\n3\n4\n");
    Path en = CorpusFiles.gzip(dir, "b.en.gz", "1\n2\n");
    // When read, then the counts are 4 and 2
    LineCountMismatchException error =
        assertThrows(LineCountMismatchException.class, () -> readAll(de, en));
    assertEquals(4, error.sourceLines());
    assertEquals(2, error.targetLines());
  }

  @Test
  void shouldRejectEmptyFileByName() throws IOException {
    // Given an empty target file
    Path de = CorpusFiles.text(dir, "c.de", "Hallo\n");
    Path en = CorpusFiles.text(dir, "c.en", "");
    // When opened, then the error names the empty file
    EmptyCorpusException error =
        assertThrows(EmptyCorpusException.class, () -> ParallelCorpusReader.open(de, en));
    assertEquals(en, error.file());
    assertEquals("Corpus file " + en + " is empty (no lines)", error.getMessage());
  }

  @Test
  void shouldRejectTwoEmptyFiles() throws IOException {
    // Given two empty gzip files
    Path de = CorpusFiles.gzip(dir, "d.de.gz", "");
    Path en = CorpusFiles.gzip(dir, "d.en.gz", "");
    // When opened, then the source is named as empty
    EmptyCorpusException error =
        assertThrows(EmptyCorpusException.class, () -> ParallelCorpusReader.open(de, en));
    assertEquals(de, error.file());
  }

  @Test
  void shouldNameFileAndLineOfInvalidUtf8() throws IOException {
    // Given a target whose second line is Latin-1, not UTF-8
    Path de = CorpusFiles.text(dir, "e.de", "Ja\nGrüße\n");
    Path en =
        CorpusFiles.bytes(dir, "e.en", new byte[] {'Y', 'e', 's', '\n', 'n', (byte) 0xE9, '\n'});
    // When read, then the error names the target file and line 2
    InvalidUtf8Exception error = assertThrows(InvalidUtf8Exception.class, () -> readAll(de, en));
    assertEquals(en, error.file());
    assertEquals(2, error.line());
  }
}
