package io.github.rela.training.spm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.evaluation.corpus.Multi30k;
import io.github.rela.evaluation.corpus.Utf8LineReader;
import io.github.rela.model.tokenizer.SpecialIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains small models with the real spm_train and loads them with DJL's SentencePiece binding.
 * Skipped when spm_train is not installed ({@code .ci/run} installs it).
 */
class SpmTrainerIntegrationTest {

  private static final int SLICE = 3000;

  @TempDir static Path dir;
  private static Path sourceText;
  private static Path targetText;

  @BeforeAll
  static void prepareText() throws IOException {
    assumeTrue(
        SpmTrainer.findProgram().isPresent(),
        "spm_train is not on the PATH; install Debian's 'sentencepiece' package to run this test");
    Path dataDir = DataPaths.dataDir();
    if (Files.isRegularFile(Multi30k.TRAIN.file(dataDir, "de"))) {
      sourceText = slice(Multi30k.TRAIN.file(dataDir, "de"), dir.resolve("train.de"));
      targetText = slice(Multi30k.TRAIN.file(dataDir, "en"), dir.resolve("train.en"));
    } else {
      sourceText = generated(dir.resolve("train.src"), 11);
      targetText = generated(dir.resolve("train.tgt"), 12);
    }
  }

  @Test
  void shouldTrainJointModelThatDjlLoadsWithAgreedSpecialIds() throws IOException {
    // Given 500 unigram pieces over both sides
    SpmTrainOptions options = SpmTrainOptions.defaults().withVocabSize(500);
    // When trained jointly
    long start = System.nanoTime();
    SubwordVocabularies vocabularies =
        SubwordVocabularies.train(
            List.of(sourceText),
            List.of(targetText),
            "de",
            "en",
            true,
            dir.resolve("joint"),
            options);
    System.out.printf(
        "spm_train, 500 pieces, %d sentences: %d ms%n",
        2 * SLICE, (System.nanoTime() - start) / 1_000_000);
    // Then DJL loads it, the special pieces have ids 0-3, and text round-trips
    assertTrue(vocabularies.joint());
    assertEquals(500, Files.readAllLines(vocabularies.source().vocab()).size());
    try (SpTokenizer tokenizer = new SpTokenizer(vocabularies.source().model())) {
      SpProcessor processor = tokenizer.getProcessor();
      SpecialIds special = SpecialIds.PROJECT;
      assertEquals("<pad>", processor.getToken(special.padId()));
      assertEquals("<unk>", processor.getToken(special.unkId()));
      assertEquals("<s>", processor.getToken(special.bosId()));
      assertEquals("</s>", processor.getToken(special.eosId()));
      for (String sentence : firstLines(sourceText, 20)) {
        int[] ids = processor.encode(sentence);
        assertTrue(ids.length > 0);
        for (int id : ids) {
          assertTrue(id > special.eosId() && id < 500, "piece id " + id);
        }
        assertEquals(sentence, processor.decode(ids));
      }
    }
  }

  @Test
  void shouldTrainOneModelPerSideWhenSeparate() throws IOException {
    // Given separate BPE vocabularies of 300 pieces
    SpmTrainOptions options =
        SpmTrainOptions.defaults().withVocabSize(300).withModelType(SpmModelType.BPE);
    // When trained
    SubwordVocabularies vocabularies =
        SubwordVocabularies.train(
            List.of(sourceText),
            List.of(targetText),
            "de",
            "en",
            false,
            dir.resolve("separate"),
            options);
    // Then there are two different models, each round-tripping its own side
    assertFalse(vocabularies.joint());
    assertEquals(dir.resolve("separate").resolve("spm.de.model"), vocabularies.source().model());
    assertEquals(dir.resolve("separate").resolve("spm.en.model"), vocabularies.target().model());
    try (SpTokenizer target = new SpTokenizer(vocabularies.target().model())) {
      String sentence = firstLines(targetText, 1).get(0);
      assertEquals(sentence, target.getProcessor().decode(target.getProcessor().encode(sentence)));
    }
  }

  @Test
  void shouldGiveTheSameModelForTheSameSettings() throws IOException {
    // Given two runs with one seed, sampling half of the sentences
    SpmTrainOptions options =
        SpmTrainOptions.defaults().withVocabSize(300).withInputSentenceSize(SLICE / 2);
    // When trained twice
    SpmModelFiles first =
        SpmTrainer.train(List.of(sourceText), dir.resolve("a").resolve("spm"), options);
    SpmModelFiles second =
        SpmTrainer.train(List.of(sourceText), dir.resolve("b").resolve("spm"), options);
    // Then the vocabularies are identical
    assertArrayEquals(Files.readAllBytes(first.vocab()), Files.readAllBytes(second.vocab()));
  }

  private static List<String> firstLines(Path file, int count) {
    List<String> lines = new ArrayList<>();
    try (Utf8LineReader reader = Utf8LineReader.open(file)) {
      for (String line = reader.readLine();
          line != null && lines.size() < count;
          line = reader.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static Path slice(Path gzip, Path out) throws IOException {
    Files.write(out, firstLines(gzip, SLICE), StandardCharsets.UTF_8);
    return out;
  }

  /** Sentences over a lexicon of random words, for machines without Multi30k. */
  private static Path generated(Path out, long seed) throws IOException {
    String letters = "abcdefghijklmnopqrstuvwxyzäöü";
    Random random = new Random(seed);
    String[] lexicon = new String[400];
    for (int w = 0; w < lexicon.length; w++) {
      StringBuilder word = new StringBuilder();
      for (int c = 2 + random.nextInt(8); c > 0; c--) {
        word.append(letters.charAt(random.nextInt(letters.length())));
      }
      lexicon[w] = word.toString();
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < SLICE; i++) {
      List<String> sentence = new ArrayList<>();
      for (int w = 3 + random.nextInt(10); w > 0; w--) {
        sentence.add(lexicon[random.nextInt(lexicon.length)]);
      }
      lines.add(String.join(" ", sentence) + ".");
    }
    Files.write(out, lines, StandardCharsets.UTF_8);
    return out;
  }
}
