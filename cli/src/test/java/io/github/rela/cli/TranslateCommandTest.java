package io.github.rela.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.CheckpointException;
import io.github.rela.model.checkpoint.DefaultModel;
import io.github.rela.streams.testing.TinyCheckpoint;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TranslateCommandTest {
  @TempDir static Path temp;
  private static Path checkpoint;

  @BeforeAll
  static void writeCheckpoint() {
    checkpoint = TinyCheckpoint.write(temp.resolve("models")).resolve("de-en");
  }

  @Test
  void shouldWriteOneJsonObjectPerInputLineInOrder() throws Exception {
    // Given
    String input = "A dog.\n\nEine frau plays.\n";
    // When
    List<String> lines =
        run(input, "--model", checkpoint.toString(), "--beam", "2", "--format", "jsonl");
    // Then
    assertEquals(3, lines.size());
    ObjectMapper mapper = new ObjectMapper();
    JsonNode first = mapper.readTree(lines.get(0));
    JsonNode empty = mapper.readTree(lines.get(1));
    assertEquals("A dog.", first.get("source").asText());
    for (String field :
        List.of("translation", "score", "null_rate", "sparsity", "alignment", "features")) {
      assertTrue(first.has(field), field);
    }
    assertTrue(first.get("features").has("lp_mean"));
    assertTrue(!first.has("quality"), "no quality.json, no estimate");
    assertFalse(first.get("low_confidence").asBoolean(), "no estimate, no flag");
    assertEquals("", empty.get("translation").asText());
    assertEquals("Eine frau plays.", mapper.readTree(lines.get(2)).get("source").asText());
  }

  @Test
  void shouldWriteOneTranslationPerLineAsText() throws Exception {
    // Given
    String input = "A dog.\n\n";
    // When
    List<String> lines = run(input, "--model", checkpoint.toString(), "--beam", "1");
    // Then
    assertEquals(2, lines.size());
    assertEquals("", lines.get(1));
  }

  @Test
  void shouldRejectAnUnknownFormat() throws Exception {
    // When
    int exit =
        new CommandLine(new TranslateCommand())
            .setErr(new PrintWriter(new StringWriter()))
            .execute("--model", checkpoint.toString(), "--format", "xml");
    // Then
    assertEquals(2, exit);
  }

  @Test
  void shouldTranslateWithTheShippedModelWhenNoneIsNamed() throws Exception {
    // Given the checkpoint exported as fp16 into <home>/models/de-en
    Path home = temp.resolve("home");
    StringWriter exported = new StringWriter();
    int exit =
        new CommandLine(new ExportCommand())
            .setOut(new PrintWriter(exported))
            .execute(
                "--model",
                checkpoint.toString(),
                "--output",
                home.resolve("models/de-en").toString());
    assertEquals(0, exit, exported.toString());
    long fp32 = Files.size(checkpoint.resolve(CheckpointConfig.WEIGHTS_FILE));
    long fp16 = Files.size(home.resolve("models/de-en").resolve(CheckpointConfig.WEIGHTS_FILE));
    assertTrue(fp16 < 0.6 * fp32, fp16 + " bytes of fp16 weights against " + fp32 + " of fp32");

    // When translate runs without --model under that home
    String previous = System.getProperty(DefaultModel.HOME_PROPERTY);
    List<String> shipped;
    try {
      System.setProperty(DefaultModel.HOME_PROPERTY, home.toString());
      shipped = run("A dog.\nEine frau plays.\n", "--beam", "1");
    } finally {
      if (previous == null) {
        System.clearProperty(DefaultModel.HOME_PROPERTY);
      } else {
        System.setProperty(DefaultModel.HOME_PROPERTY, previous);
      }
    }

    // Then it used the shipped model: the same translations as the fp32 original, up to fp16
    // rounding of the weights (greedy search on a random model, so they match token for token)
    assertEquals(
        run("A dog.\nEine frau plays.\n", "--model", checkpoint.toString(), "--beam", "1"),
        shipped);
  }

  @Test
  void shouldNameTheModelsWhenSeveralAreShipped() throws Exception {
    // Given two checkpoints under models/
    Path models = temp.resolve("several/models");
    Files.createDirectories(models.resolve("de-en"));
    Files.createDirectories(models.resolve("en-de"));
    Files.writeString(models.resolve("de-en/config.json"), "{}");
    Files.writeString(models.resolve("en-de/config.json"), "{}");

    // When the default is asked for, then the error names both
    CheckpointException error =
        assertThrows(CheckpointException.class, () -> DefaultModel.checkpointIn(models));
    assertTrue(error.getMessage().contains("de-en") && error.getMessage().contains("en-de"));
    assertEquals(models.resolve("de-en"), DefaultModel.checkpointIn(models.resolve("de-en")));
    assertThrows(
        CheckpointException.class, () -> DefaultModel.checkpointIn(temp.resolve("nothing")));
  }

  private static List<String> run(String input, String... args) {
    InputStream stdin = System.in;
    StringWriter out = new StringWriter();
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      int exit = new CommandLine(new TranslateCommand()).setOut(new PrintWriter(out)).execute(args);
      assertEquals(0, exit);
    } finally {
      System.setIn(stdin);
    }
    return out.toString().lines().toList();
  }
}
