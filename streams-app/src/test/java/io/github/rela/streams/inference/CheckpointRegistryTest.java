package io.github.rela.streams.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.Manifest;
import io.github.rela.model.checkpoint.WeightsDtype;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.lexical.LexicalTable;
import io.github.rela.model.quality.QualityModelFile;
import io.github.rela.model.support.QualityModels;
import io.github.rela.schemas.avro.ModelInfo;
import io.github.rela.streams.testing.CheckpointVersions;
import io.github.rela.streams.testing.TinyCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swaps in the registry with real tiny checkpoints: a changed checkpoint replaces the serving
 * one, translators of the old one see that they were replaced and hold its weights until they
 * close, and a corrupted checkpoint or one of another pair is refused with the old model serving
 * on.
 */
class CheckpointRegistryTest {

  private static final LanguagePair DE_EN = new LanguagePair("de", "en");

  @TempDir Path dir;
  private Path v1;
  private Path v2;
  private Path models;
  private Path link;
  private final List<String> events = new ArrayList<>();

  @BeforeEach
  void checkpoints() throws Exception {
    v1 = TinyCheckpoint.write(dir.resolve("tiny")).resolve("de-en");
    // The same weights as fp16: another checkpoint hash.
    v2 =
        CheckpointVersions.reexport(
            v1,
            dir.resolve("de-en-v2"),
            c -> withDtypeAndLanguages(c, WeightsDtype.FLOAT16, "de", "en"));
    models = Files.createDirectories(dir.resolve("models"));
    link = Files.createSymbolicLink(models.resolve("de-en"), v1);
  }

  @Test
  void shouldSwapAChangedCheckpointAndReleaseTheOldOneAfterItsLastTranslator() throws Exception {
    try (CheckpointRegistry registry = registry()) {
      // Given a translator of version 1 in the middle of its work
      ModelInfo before = registry.serving(DE_EN).orElseThrow();
      BatchTranslator old = registry.open(DE_EN).orElseThrow();

      // When the link points at version 2 and the registry reloads
      point(v2);
      registry.reload();

      // Then version 2 serves, the old translator knows it was replaced and still translates
      ModelInfo after = registry.serving(DE_EN).orElseThrow();
      assertNotEquals(before.getCheckpointHash(), after.getCheckpointHash());
      assertEquals("de-en-v2", after.getName().toString());
      assertTrue(old.replaced());
      assertEquals(1, old.translate(List.of("ein mann")).size());
      assertEquals(List.of(before), registry.retiredInUse());

      // And version 1 is released when that translator closes; new translators get version 2
      old.close();
      assertEquals(List.of(), registry.retiredInUse());
      try (BatchTranslator fresh = registry.open(DE_EN).orElseThrow()) {
        assertFalse(fresh.replaced());
        assertEquals(after, fresh.modelInfo());
      }
      assertEquals(List.of("serving de-en " + before.getName(), "serving de-en de-en-v2"), events);
    }
  }

  @Test
  void shouldNotReloadAnUnchangedDirectory() throws Exception {
    try (CheckpointRegistry registry = registry()) {
      registry.reload();
      assertEquals(1, events.size(), events.toString());
    }
  }

  @Test
  void shouldRefuseACorruptedCheckpointAndKeepServing() throws Exception {
    try (CheckpointRegistry registry = registry()) {
      // Given a corrupted copy of version 2 behind the link
      ModelInfo before = registry.serving(DE_EN).orElseThrow();
      point(CheckpointVersions.corrupted(v2, dir.resolve("broken")));

      // When the registry reloads, then it is refused with the reason, and version 1 serves on
      registry.reload();
      assertEquals(before, registry.serving(DE_EN).orElseThrow());
      assertTrue(events.get(1).startsWith("refused de-en: checksum mismatch"), events.toString());
    }
  }

  @Test
  void shouldRefuseACheckpointWhoseEstimatorNeedsALexicalTableItLacks() throws Exception {
    try (CheckpointRegistry registry = registry()) {
      // Given version 2 with a quality.json that uses the lexical feature, but no lexicon.txt
      ModelInfo before = registry.serving(DE_EN).orElseThrow();
      QualityModelFile usesLexicon = QualityModels.usingLexicalFeature();
      Manifest.writeListed(v2, QualityModelFile.FILE, usesLexicon::write);
      point(v2);

      // When the registry reloads, then it is refused at load, naming the file, and version 1
      // serves on
      registry.reload();
      assertEquals(before, registry.serving(DE_EN).orElseThrow());
      assertTrue(events.get(1).contains("lex_source_min"), events.toString());
      assertTrue(events.get(1).contains(LexicalTable.FILE), events.toString());
    }
  }

  @Test
  void shouldRefuseACheckpointOfAnotherPair() throws Exception {
    try (CheckpointRegistry registry = registry()) {
      // Given an en-de checkpoint behind the de-en link
      ModelInfo before = registry.serving(DE_EN).orElseThrow();
      point(
          CheckpointVersions.reexport(
              v1,
              dir.resolve("en-de"),
              c -> withDtypeAndLanguages(c, WeightsDtype.FLOAT32, "en", "de")));

      // When the registry reloads, then it is refused, and version 1 serves on
      registry.reload();
      assertEquals(before, registry.serving(DE_EN).orElseThrow());
      assertEquals(
          "refused de-en: it translates en-de, this directory serves de-en", events.get(1));
    }
  }

  private CheckpointRegistry registry() {
    CheckpointRegistry registry =
        new CheckpointRegistry(models, DecodingOptions.defaults().withBeamSize(1), 4);
    registry.addListener(
        new ModelListener() {
          @Override
          public void serving(LanguagePair pair, ModelInfo model) {
            events.add("serving " + pair + " " + model.getName());
          }

          @Override
          public void refused(LanguagePair pair, Path directory, String reason) {
            events.add("refused " + pair + ": " + reason);
          }
        });
    return registry;
  }

  private void point(Path target) throws Exception {
    Path next = models.resolve("de-en.next");
    Files.createSymbolicLink(next, target);
    Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static CheckpointConfig withDtypeAndLanguages(
      CheckpointConfig c, WeightsDtype dtype, String source, String target) {
    return CheckpointConfig.of(c.model(), c.tokenizer(), source, target, dtype, c.training());
  }
}
