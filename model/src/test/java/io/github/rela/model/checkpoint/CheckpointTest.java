package io.github.rela.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.github.rela.model.checkpoint.CheckpointException.Reason;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.config.Json;
import io.github.rela.model.support.TinyModels;
import io.github.rela.model.transformer.Transformer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path temp;
  private NDManager manager;
  private Transformer model;
  private Path tokenizer;

  @BeforeEach
  void setUp() throws URISyntaxException {
    manager = NDManager.newBaseManager();
    model =
        TinyModels.initialised(
            TinyModels.config(AttentionKind.RELA_G).toBuilder()
                .attention(AttentionKind.RELA_G, AttentionKind.SOFTMAX, AttentionKind.ENTMAX15)
                .build(),
            manager,
            DataType.FLOAT32);
    tokenizer = Path.of(getClass().getResource("/tokenizer/tiny.model").toURI());
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private Path save(WeightsDtype dtype) throws IOException {
    Path directory = temp.resolve("checkpoint");
    CheckpointConfig config =
        CheckpointConfig.of(
            model.config(), TokenizerSpec.joint(), "de", "en", dtype, Map.of("step", 1200));
    CheckpointWriter.write(directory, model, config, tokenizer, tokenizer);
    return directory;
  }

  private NDArray logits(Transformer transformer) {
    NDArray src = TinyModels.ids(manager, new long[][] {{4, 5, 6, 3}, {7, 8, 3, 0}});
    NDArray tgt = TinyModels.ids(manager, new long[][] {{2, 6, 5}, {2, 8, 7}});
    return transformer
        .forward(new ParameterStore(manager, false), new NDList(src, tgt), false)
        .head();
  }

  @Test
  void shouldRoundTripFp32BitIdentically() throws IOException {
    // Given
    Path directory = save(WeightsDtype.FLOAT32);
    // When
    Checkpoint loaded = CheckpointReader.read(directory, manager);
    // Then
    assertArrayEquals(logits(model).toFloatArray(), logits(loaded.model()).toFloatArray(), 0f);
    assertEquals(model.config(), loaded.config().model());
    assertEquals("de", loaded.config().sourceLanguage());
    assertEquals(1200, loaded.config().training().get("step"));
    assertTrue(Files.isRegularFile(loaded.sourceTokenizer()));
    assertEquals(
        List.of("config.json", "manifest.json", "model.safetensors", "tokenizer.model"),
        Files.list(directory).map(p -> p.getFileName().toString()).sorted().toList());
  }

  @Test
  void shouldRoundTripFp16Closely() throws IOException {
    // Given
    Path directory = save(WeightsDtype.FLOAT16);
    // When
    Checkpoint loaded = CheckpointReader.read(directory, manager);
    // Then
    assertTrue(logits(model).allClose(logits(loaded.model()), 2e-2, 2e-2, false));
    assertEquals(
        DataType.FLOAT32,
        loaded.model().namedParameters().get("embedding.weight").getArray().getDataType());
  }

  @Test
  void shouldRefuseACorruptedWeightsFile() throws IOException {
    // Given one flipped byte near the end of the weights
    Path directory = save(WeightsDtype.FLOAT32);
    Path weights = directory.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length - 3] ^= 0x10;
    Files.write(weights, bytes);
    // When
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> CheckpointReader.read(directory, manager));
    // Then
    assertEquals(Reason.CHECKSUM_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("checksum mismatch for"), e.getMessage());
    assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
  }

  @Test
  void shouldRefuseAMissingFile() throws IOException {
    // Given
    Path directory = save(WeightsDtype.FLOAT32);
    Files.delete(directory.resolve("tokenizer.model"));
    // When
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> CheckpointReader.read(directory, manager));
    // Then
    assertEquals(Reason.MISSING_FILE, e.reason());
    assertTrue(e.getMessage().contains("tokenizer.model"), e.getMessage());
  }

  @Test
  void shouldRefuseAnUnknownFormatVersion() throws IOException {
    // Given a config from a future format, with a manifest that matches it
    Path directory = save(WeightsDtype.FLOAT32);
    rewriteConfig(directory, "\"format_version\" : 1", "\"format_version\" : 2");
    // When
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> CheckpointReader.read(directory, manager));
    // Then
    assertEquals(Reason.UNKNOWN_FORMAT_VERSION, e.reason());
    assertTrue(e.getMessage().contains("format_version 2"), e.getMessage());
  }

  @Test
  void shouldRefuseWeightsOfAnotherShape() throws IOException {
    // Given a config that claims a wider feed-forward network than the weights hold
    Path directory = save(WeightsDtype.FLOAT32);
    rewriteConfig(directory, "\"d_ff\" : 32", "\"d_ff\" : 48");
    // When
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> CheckpointReader.read(directory, manager));
    // Then
    assertEquals(Reason.SHAPE_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("feedForward.hidden.weight"), e.getMessage());
  }

  @Test
  void shouldWriteTheConfigAsSnakeCaseJson() throws IOException {
    // Given
    Path directory = save(WeightsDtype.FLOAT16);
    // When
    String json = Files.readString(directory.resolve("config.json"));
    // Then
    assertTrue(json.contains("\"cross_attention\" : \"entmax15\""), json);
    assertTrue(json.contains("\"weights_dtype\" : \"F16\""), json);
    assertTrue(json.contains("\"architecture\" : \"rela-transformer\""), json);
    assertEquals(
        CheckpointReader.readConfig(directory),
        Json.mapper().readValue(json, CheckpointConfig.class));
  }

  @Test
  void shouldCoverExtraFilesByTheManifest() throws IOException {
    // Given a checkpoint carrying a trainer's state file
    Path state = Files.write(temp.resolve("state.bin"), new byte[] {1, 2, 3, 4});
    Path directory = temp.resolve("with-state");
    CheckpointConfig config =
        CheckpointConfig.of(
            model.config(), TokenizerSpec.joint(), "de", "en", WeightsDtype.FLOAT32, Map.of());
    CheckpointWriter.write(
        directory, model, config, tokenizer, tokenizer, Map.of("optimizer.bin", state));
    // When
    Checkpoint loaded = CheckpointReader.read(directory, manager);
    Files.write(loaded.file("optimizer.bin"), new byte[] {1, 2, 3, 5});
    // Then
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> CheckpointReader.read(directory, manager));
    assertEquals(Reason.CHECKSUM_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("optimizer.bin"), e.getMessage());
  }

  @Test
  void shouldListAFileWrittenIntoACheckpointAndReplaceItLater() throws IOException {
    // Given a checkpoint, when a file is added, then the manifest covers it
    Path directory = save(WeightsDtype.FLOAT32);
    Manifest.writeListed(directory, "extra.txt", file -> Files.writeString(file, "first"));
    assertTrue(Manifest.readAndVerify(directory).lists("extra.txt"));
    // When it is replaced, then the old checksum does not stand in the way and the new one holds
    Manifest.writeListed(directory, "extra.txt", file -> Files.writeString(file, "second"));
    assertEquals("second", Files.readString(directory.resolve("extra.txt")));
    assertTrue(Manifest.readAndVerify(directory).lists("extra.txt"));
    // When a listed file is corrupted, then nothing is written over it
    Files.writeString(directory.resolve("extra.txt"), "tampered");
    assertThrows(
        CheckpointException.class,
        () -> Manifest.writeListed(directory, "other.txt", file -> Files.writeString(file, "x")));
    assertFalse(Files.exists(directory.resolve("other.txt")));
  }

  private static void rewriteConfig(Path directory, String from, String to) throws IOException {
    Path config = directory.resolve("config.json");
    String json = Files.readString(config, StandardCharsets.UTF_8);
    assertTrue(json.contains(from), json);
    Files.writeString(config, json.replace(from, to), StandardCharsets.UTF_8);
    Manifest.of(directory, List.of("config.json", "model.safetensors", "tokenizer.model"))
        .write(directory);
  }
}
