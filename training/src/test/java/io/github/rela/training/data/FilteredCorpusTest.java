package io.github.rela.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.rela.evaluation.corpus.SentencePair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilteredCorpusTest {

  @TempDir Path dir;

  @Test
  void shouldKeepPairsWithinLengthAndRatio() throws IOException {
    // Given five pairs: fine, empty target, too long, lopsided, fine
    Path de =
        Files.writeString(dir.resolve("f.de"), "ein hund\nhallo\na b c d e f\neins\nzwei katzen\n");
    Path en = Files.writeString(dir.resolve("f.en"), "a dog\n\nx\none two three four\ntwo cats\n");
    LengthFilter filter = new LengthFilter(1, 5, 3.0);
    // When read with word counts
    FilteredCorpus corpus = FilteredCorpus.read(de, en, filter, FilteredCorpus::wordCount);
    // Then two pairs are kept and each drop is counted by reason
    assertEquals(List.of(1L, 5L), corpus.pairs().stream().map(SentencePair::line).toList());
    FilterCounts counts = corpus.counts();
    assertEquals(2, counts.kept());
    assertEquals(1, counts.dropped(DropReason.TOO_SHORT));
    assertEquals(1, counts.dropped(DropReason.TOO_LONG));
    assertEquals(1, counts.dropped(DropReason.LENGTH_RATIO));
    assertEquals("kept 2 of 5 (too short 1, too long 1, ratio 1)", counts.toString());
  }

  @Test
  void shouldCountWordsSeparatedByAnyWhitespace() {
    // Given sentences with leading, trailing and repeated whitespace
    // When counted, then only words count
    assertEquals(3, FilteredCorpus.wordCount("  a\tb  c "));
    assertEquals(0, FilteredCorpus.wordCount(""));
  }

  @Test
  void shouldDropByTheFirstFailingRule() {
    // Given the default filter
    LengthFilter filter = LengthFilter.defaults();
    // When checking, then short beats ratio and ratio needs both sides non-empty
    assertEquals(Optional.of(DropReason.TOO_SHORT), filter.check(0, 50));
    assertEquals(Optional.of(DropReason.TOO_LONG), filter.check(101, 100));
    assertEquals(Optional.of(DropReason.LENGTH_RATIO), filter.check(2, 7));
    assertEquals(Optional.empty(), filter.check(2, 6));
  }

  @Test
  void shouldRejectInconsistentBounds() {
    // Given bounds where max < min, when built, then it fails
    assertThrows(IllegalArgumentException.class, () -> new LengthFilter(5, 4, 2.0));
    assertThrows(IllegalArgumentException.class, () -> new LengthFilter(1, 4, 0.5));
  }
}
