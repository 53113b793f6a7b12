package io.github.rela.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.model.checkpoint.Manifest;
import io.github.rela.model.quality.QualityModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transform on the shipped de-en model, one record at a time, as a task would call it. */
class TranslateTest {

  static final Path MODEL = Path.of(System.getProperty("rela.model.dir", "../models/de-en"));
  private static final Schema CAPTION =
      SchemaBuilder.struct()
          .name("Caption")
          .field("id", Schema.INT32_SCHEMA)
          .field("text", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  /** Keeps the model loaded across tests, so that each test does not load it again. */
  private static ModelLease keeper;

  @TempDir Path dir;

  private Translate<SourceRecord> transform;

  @BeforeAll
  static void loadModel() throws Exception {
    keeper = SharedModels.acquire(MODEL);
  }

  @AfterAll
  static void releaseModel() throws Exception {
    keeper.close();
    assertEquals(0, SharedModels.leases(MODEL), "the last lease frees the model");
  }

  @AfterEach
  void closeTransform() {
    if (transform != null) {
      transform.close();
    }
  }

  @Test
  void shouldAddTheTranslationAndItsEvidenceToAStruct() {
    // Given a transform of the field 'text' into new fields of the value
    transform = configured(Map.of("source.field", "text"));
    Struct caption =
        new Struct(CAPTION).put("id", 7).put("text", "Ein Hund rennt über eine Wiese.");

    // When a record with a caption passes
    SourceRecord result = transform.apply(record(CAPTION, caption));

    // Then the value keeps its fields and gains the outputs, declared in its schema
    Struct value = (Struct) result.value();
    assertSame(value.schema(), result.valueSchema());
    assertEquals(7, value.getInt32("id"));
    assertEquals("Ein Hund rennt über eine Wiese.", value.getString("text"));
    String translation = value.getString("translation");
    assertTrue(translation.toLowerCase(Locale.ROOT).contains("dog"), translation);
    double score = value.getFloat64("translation_score");
    assertTrue(score < 0 && score > -5, "score " + score);
    double nullRate = value.getFloat64("translation_null_rate");
    assertTrue(nullRate >= 0 && nullRate <= 1, "null rate " + nullRate);
    // The shipped model is calibrated: a good caption gets an estimate above its threshold
    double quality = value.getFloat64("translation_quality");
    assertTrue(quality > 0 && quality <= 100, "quality " + quality);
    assertFalse(value.getBoolean("translation_low_confidence"));
    assertEquals(Schema.Type.FLOAT64, value.schema().field("translation_quality").schema().type());
    assertTrue(result.headers().isEmpty());
  }

  @Test
  void shouldAddTheOutputsToASchemalessMapLeavingOutTheMissingEstimate() throws Exception {
    // Given a checkpoint without quality.json, and a transform with renamed outputs, no null
    // rate, and every translation flagged
    Path uncalibrated = withoutQualityJson(dir.resolve("uncalibrated"));
    transform =
        configured(
            Map.of(
                "model.dir", uncalibrated.toString(),
                "source.field", "text",
                "translation.field", "text_en",
                "null.rate.field", "",
                "low.confidence.min.score", "0"));
    Map<String, Object> caption = new HashMap<>(Map.of("id", 3, "text", "Zwei Männer spielen."));

    // When a schemaless record passes
    SourceRecord result = transform.apply(record(null, caption));

    // Then the map gains the named outputs only, and its original is left as it was
    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) result.value();
    assertNull(result.valueSchema());
    assertTrue(((String) value.get("text_en")).toLowerCase(Locale.ROOT).contains("men"));
    assertTrue(value.containsKey("translation_score"));
    assertFalse(value.containsKey("translation_null_rate"));
    assertFalse(value.containsKey("translation_quality"));
    assertEquals(true, value.get("translation_low_confidence"));
    assertEquals(2, caption.size());
  }

  @Test
  void shouldReplaceAStringValueByItsTranslationWithTheEvidenceInHeaders() {
    // Given a transform of the whole value
    transform = configured(Map.of("beam.size", "1"));

    // When a string record passes
    SourceRecord result = transform.apply(record(Schema.STRING_SCHEMA, "Ein Mann fährt Fahrrad."));

    // Then the value is the translation and the evidence is in headers
    assertEquals(Schema.STRING_SCHEMA, result.valueSchema());
    assertTrue(((String) result.value()).toLowerCase(Locale.ROOT).contains("man"));
    assertEquals(Schema.Type.FLOAT64, header(result, "translation_score").schema().type());
    assertEquals(Schema.Type.FLOAT64, header(result, "translation_null_rate").schema().type());
    assertEquals(Schema.Type.BOOLEAN, header(result, "translation_low_confidence").schema().type());
    assertNull(result.headers().lastWithName("translation"));
    assertEquals(Schema.Type.FLOAT64, header(result, "translation_quality").schema().type());
  }

  @Test
  void shouldWriteEveryOutputToHeadersAndLeaveTheValue() {
    // Given a transform that writes headers
    transform = configured(Map.of("source.field", "text", "output.location", "HEADERS"));
    Struct caption = new Struct(CAPTION).put("id", 1).put("text", "Eine Frau liest ein Buch.");

    // When a record passes
    SourceRecord result = transform.apply(record(CAPTION, caption));

    // Then the value is untouched and the translation is a header
    assertSame(caption, result.value());
    assertTrue(
        ((String) header(result, "translation").value()).toLowerCase(Locale.ROOT).contains("book"));
    assertEquals(5, result.headers().size());
  }

  @Test
  void shouldPassTombstonesAndNullFieldsThrough() {
    // Given a transform of the field 'text'
    transform = configured(Map.of("source.field", "text"));

    // When a tombstone and a caption without text pass
    SourceRecord tombstone = record(CAPTION, null);
    SourceRecord empty = transform.apply(record(CAPTION, new Struct(CAPTION).put("id", 2)));

    // Then the tombstone is the same record, and the caption gets null outputs
    assertSame(tombstone, transform.apply(tombstone));
    assertNull(((Struct) empty.value()).get("translation"));
    assertNull(((Struct) empty.value()).get("translation_low_confidence"));
  }

  @Test
  void shouldRejectWhatItCannotTranslateWithTheReason() {
    // Given transforms of a field and of the whole value, texts up to 40 characters
    transform = configured(Map.of("source.field", "text", "input.max.chars", "40"));
    Translate<SourceRecord> whole = configured(Map.of());
    Schema numeric = SchemaBuilder.struct().field("text", Schema.INT32_SCHEMA).build();
    Schema clashing =
        SchemaBuilder.struct()
            .field("text", Schema.STRING_SCHEMA)
            .field("translation_score", Schema.FLOAT64_SCHEMA)
            .build();
    try {
      // Then each record that has no translatable text is refused, with the reason first
      assertRejected(Rejection.EMPTY_TEXT, transform, record(null, Map.of("text", "  ")));
      assertRejected(
          Rejection.TEXT_TOO_LONG, transform, record(null, Map.of("text", "Hund ".repeat(20))));
      assertRejected(
          Rejection.NOT_A_STRING, transform, record(numeric, new Struct(numeric).put("text", 5)));
      assertRejected(Rejection.NOT_A_STRING, transform, record(null, Map.of("text", 5)));
      assertRejected(Rejection.MISSING_FIELD, transform, record(null, Map.of("body", "Hund")));
      assertRejected(Rejection.UNSUPPORTED_VALUE, transform, record(null, "Ein Hund."));
      assertRejected(Rejection.UNSUPPORTED_VALUE, whole, record(Schema.INT64_SCHEMA, 42L));
      assertRejected(
          Rejection.FIELD_EXISTS,
          transform,
          record(null, Map.of("text", "Hund", "translation", 1)));
      assertRejected(
          Rejection.FIELD_EXISTS,
          transform,
          record(clashing, new Struct(clashing).put("text", "Hund")));
    } finally {
      whole.close();
    }
  }

  @Test
  void shouldRejectTextLongerThanTheModelReads() {
    // Given a transform that accepts long texts
    transform = configured(Map.of());

    // Then a text of more than the model's 128 tokens is refused rather than cut
    String longText = "Ein kleiner Hund läuft schnell über eine grüne Wiese. ".repeat(20);
    assertRejected(Rejection.TEXT_TOO_LONG, transform, record(Schema.STRING_SCHEMA, longText));
  }

  @Test
  void shouldShareOneModelAndFreeItWithTheLastInstance() throws Exception {
    // Given the leases held before (this class keeps one)
    int before = SharedModels.leases(MODEL);

    // When two transforms use the model, and then close
    Translate<SourceRecord> first = configured(Map.of());
    Translate<SourceRecord> second = configured(Map.of("beam.size", "2"));
    int during = SharedModels.leases(MODEL);
    first.close();
    second.close();

    // Then both held a lease on the one loaded model, and gave it back
    assertEquals(before + 2, during);
    assertEquals(before, SharedModels.leases(MODEL));
  }

  @Test
  void shouldLeaseTheLoadedModelWhenItsDirectoryIsNamedThroughALink() throws Exception {
    // Given the shipped model reached through a symbolic link
    Path link = Files.createSymbolicLink(dir.resolve("model"), MODEL.toRealPath());
    int before = SharedModels.leases(MODEL);

    // When a transform names the link
    transform = configured(Map.of("model.dir", link.toString()));

    // Then it leases the model already loaded for the real directory
    assertEquals(before + 1, SharedModels.leases(MODEL));
  }

  @Test
  void shouldRefuseAModelOfAnotherPairAndReleaseIt() throws Exception {
    // Given the leases held before
    int before = SharedModels.leases(MODEL);

    // When a transform asks the de-en model for en-fr
    ConfigException e =
        assertThrows(ConfigException.class, () -> configured(Map.of("language.pair", "en-fr")));

    // Then it names the pair the model serves and holds no lease
    assertTrue(e.getMessage().contains("de-en"), e.getMessage());
    assertEquals(before, SharedModels.leases(MODEL));
  }

  @Test
  void shouldFailToStartWithoutAModel() {
    // When a transform names a directory that does not exist
    ConnectException e =
        assertThrows(
            ConnectException.class,
            () -> configured(Map.of("model.dir", dir.resolve("absent").toString())));

    // Then the task cannot start, and the message names the directory
    assertTrue(e.getMessage().contains("absent"), e.getMessage());
  }

  /** The shipped checkpoint without its quality.json, its manifest rewritten to match. */
  private static Path withoutQualityJson(Path copy) throws IOException {
    Files.createDirectories(copy);
    List<String> files = new ArrayList<>();
    for (String name : Manifest.readAndVerify(MODEL).files().keySet()) {
      if (!name.equals(QualityModelFile.FILE)) {
        Files.copy(MODEL.resolve(name), copy.resolve(name));
        files.add(name);
      }
    }
    Manifest.of(copy, files).write(copy);
    return copy;
  }

  private static Translate<SourceRecord> configured(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of("model.dir", MODEL.toString()));
    all.putAll(settings);
    Translate<SourceRecord> transform = new Translate<>();
    transform.configure(all);
    return transform;
  }

  static SourceRecord record(Schema schema, Object value) {
    return new SourceRecord(Map.of(), Map.of(), "captions", 0, schema, value);
  }

  private static Header header(SourceRecord record, String name) {
    Header header = record.headers().lastWithName(name);
    assertTrue(header != null, "no header " + name + " in " + record.headers());
    return header;
  }

  private static void assertRejected(
      Rejection reason, Translate<SourceRecord> transform, SourceRecord record) {
    DataException e = assertThrows(DataException.class, () -> transform.apply(record));
    assertTrue(e.getMessage().startsWith("[" + reason + "] "), e.getMessage());
  }
}
