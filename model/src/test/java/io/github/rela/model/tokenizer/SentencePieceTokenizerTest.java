package io.github.rela.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentencePieceTokenizerTest {
  @TempDir Path temp;

  private static Path tinyModel() throws URISyntaxException {
    return Path.of(SentencePieceTokenizerTest.class.getResource("/tokenizer/tiny.model").toURI());
  }

  @Test
  void shouldRoundTripText() throws Exception {
    try (SentencePieceTokenizer tokenizer = SentencePieceTokenizer.load(tinyModel())) {
      // Given
      String text = "A man is riding a red bike.";
      // When
      int[] ids = tokenizer.encode(text);
      // Then
      assertTrue(ids.length > 3);
      assertTrue(Arrays.stream(ids).allMatch(id -> id > 3 && id < tokenizer.vocabSize()));
      assertEquals(text, tokenizer.decode(ids));
      assertEquals(ids.length, tokenizer.pieces(text).size());
      assertEquals(tokenizer.piece(ids[0]), tokenizer.pieces(text).get(0));
    }
  }

  @Test
  void shouldExposeTheProjectsSpecialIds() throws Exception {
    try (SentencePieceTokenizer tokenizer = SentencePieceTokenizer.load(tinyModel())) {
      // Then
      assertEquals(64, tokenizer.vocabSize());
      assertEquals("<pad>", tokenizer.piece(0));
      assertEquals("<unk>", tokenizer.piece(1));
      assertEquals("<s>", tokenizer.piece(2));
      assertEquals("</s>", tokenizer.piece(3));
      assertEquals(3, tokenizer.id("</s>"));
    }
  }

  @Test
  void shouldDropControlIdsWhenDecoding() throws Exception {
    try (SentencePieceTokenizer tokenizer = SentencePieceTokenizer.load(tinyModel())) {
      // Given
      int[] ids = tokenizer.encode("the water");
      int[] framed = new int[ids.length + 3];
      framed[0] = 2;
      System.arraycopy(ids, 0, framed, 1, ids.length);
      framed[ids.length + 1] = 3;
      // When / Then
      assertEquals("the water", tokenizer.decode(framed));
    }
  }

  @Test
  void shouldRefuseAFileThatIsNotAModel() throws IOException {
    // Given
    Path bogus = Files.writeString(temp.resolve("bogus.model"), "not a model");
    // When / Then
    assertThrows(IOException.class, () -> SentencePieceTokenizer.load(bogus));
    assertThrows(IOException.class, () -> SentencePieceTokenizer.load(temp.resolve("absent")));
  }
}
