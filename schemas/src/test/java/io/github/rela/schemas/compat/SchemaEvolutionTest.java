package io.github.rela.schemas.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rela.schemas.avro.BufferedTranslationRequest;
import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards schema evolution: every current schema must read data written with every released version
 * (backward) and every released version must read data written with the current schema (forward),
 * so producers and consumers can upgrade in any order. In practice: only add fields, each with a
 * default, and only remove fields that had one.
 *
 * <p>How to release a new version of a schema: once {@code src/main/avro/<Name>.avsc} has changed
 * and this test passes, copy it to {@code src/main/resources/released/<Name>/v<N+1>.avsc}. Never
 * edit or delete a released file: they are the history this test checks against.
 */
class SchemaEvolutionTest {

  private static final Path RELEASED = Path.of("src/main/resources/released");
  private static final List<Schema> CURRENT =
      List.of(
          TranslationRequest.getClassSchema(),
          TranslationResult.getClassSchema(),
          DeadLetter.getClassSchema(),
          BufferedTranslationRequest.getClassSchema());
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> releasedVersions() throws IOException {
    List<Arguments> pairs = new ArrayList<>();
    for (Schema current : CURRENT) {
      for (Path file : releasedFiles(current)) {
        pairs.add(Arguments.of(current.getName(), file.getFileName().toString(), current, file));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} is compatible with released {1}")
  @MethodSource("releasedVersions")
  void shouldStayCompatibleWithEveryReleasedVersion(
      String name, String version, Schema current, Path releasedFile) throws IOException {
    // Given a released version
    Schema released = new Schema.Parser().parse(releasedFile.toFile());

    // When the current schema is checked against it in both directions
    String backward = incompatibilities(current, released);
    String forward = incompatibilities(released, current);

    // Then both hold
    assertEquals("", backward, name + " cannot read data written with " + version);
    assertEquals("", forward, name + " " + version + " readers cannot read current data");
  }

  @Test
  void shouldHaveAReleasedVersionOfEverySchema() throws IOException {
    for (Schema current : CURRENT) {
      assertFalse(releasedFiles(current).isEmpty(), "no released version of " + current.getName());
    }
  }

  @Test
  void shouldAcceptAFieldAddedWithADefault() throws IOException {
    // Given the request schema with a new optional field
    Schema evolved = withField(TranslationRequest.getClassSchema(), "priority", true);

    // When it is checked against the current one
    // Then it is compatible both ways
    assertEquals("", incompatibilities(evolved, TranslationRequest.getClassSchema()));
    assertEquals("", incompatibilities(TranslationRequest.getClassSchema(), evolved));
  }

  @Test
  void shouldRejectAFieldAddedWithoutADefault() throws IOException {
    // Given the request schema with a new required field
    Schema evolved = withField(TranslationRequest.getClassSchema(), "priority", false);

    // When the new schema reads data written with the current one
    String problems = incompatibilities(evolved, TranslationRequest.getClassSchema());

    // Then the check names the field
    assertTrue(problems.contains("priority"), problems);
  }

  @Test
  void shouldRejectAChangedFieldType() throws IOException {
    // Given the result schema with nullRate turned from double into string
    ObjectNode json = (ObjectNode) JSON.readTree(TranslationResult.getClassSchema().toString());
    for (var field : json.withArray("fields")) {
      if (field.get("name").asText().equals("nullRate")) {
        ((ObjectNode) field).put("type", "string");
      }
    }
    Schema evolved = new Schema.Parser().parse(json.toString());

    // When checked
    // Then it is incompatible
    assertFalse(incompatibilities(evolved, TranslationResult.getClassSchema()).isEmpty());
  }

  @Test
  void shouldLetOldReadersMapNewErrorCodesToUnknown() throws IOException {
    // Given the dead-letter schema with one more error code
    ObjectNode json = (ObjectNode) JSON.readTree(DeadLetter.getClassSchema().toString());
    for (var field : json.withArray("fields")) {
      if (field.get("name").asText().equals("errorCode")) {
        ((ArrayNode) field.get("type").get("symbols")).add("NEW_REASON");
      }
    }
    Schema evolved = new Schema.Parser().parse(json.toString());

    // When the current schema reads data written with it
    // Then the enum default makes that compatible, where a reader without it would fail
    assertEquals("", incompatibilities(DeadLetter.getClassSchema(), evolved));
    assertTrue(incompatibilities(withoutEnumDefault(), evolved).contains("NEW_REASON"));
  }

  private static Schema withoutEnumDefault() throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(DeadLetter.getClassSchema().toString());
    for (var field : json.withArray("fields")) {
      if (field.get("name").asText().equals("errorCode")) {
        ((ObjectNode) field.get("type")).remove("default");
      }
    }
    return new Schema.Parser().parse(json.toString());
  }

  private static String incompatibilities(Schema reader, Schema writer) {
    SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    return result.getResult().getIncompatibilities().stream()
        .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
        .reduce("", (a, b) -> a.isEmpty() ? b : a + "; " + b);
  }

  private static Schema withField(Schema schema, String name, boolean withDefault)
      throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
    ObjectNode field = json.withArray("fields").addObject().put("name", name);
    if (withDefault) {
      field.set("type", JSON.readTree("[\"null\", \"int\"]"));
      field.putNull("default");
    } else {
      field.put("type", "int");
    }
    return new Schema.Parser().parse(json.toString());
  }

  private static List<Path> releasedFiles(Schema current) throws IOException {
    Path dir = RELEASED.resolve(current.getName());
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
    }
  }
}
