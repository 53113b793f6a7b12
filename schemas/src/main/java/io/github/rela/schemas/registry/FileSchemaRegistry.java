package io.github.rela.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * A schema registry kept in a directory, so that ids survive restarts: the schemas and the versions
 * of every subject are in {@code schemas.json}, rewritten atomically (a temporary file moved over
 * it) after each registration. Ids are derived from the schema text as in {@link
 * InMemorySchemaRegistryClient}, so records written with an in-memory registry stay readable.
 *
 * <p>A new version must be able to read the subject's latest one (Confluent's default {@link
 * #COMPATIBILITY}, {@code BACKWARD}); otherwise registration fails with 409. One process owns the
 * directory; others reach the registry over HTTP ({@code server.RegistryServer}).
 */
public final class FileSchemaRegistry implements SchemaRegistryClient {

  /** The compatibility rule this registry enforces, as {@code GET /config} names it. */
  public static final String COMPATIBILITY = "BACKWARD";

  static final String FILE_NAME = "schemas.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final InMemorySchemaRegistryClient contents = new InMemorySchemaRegistryClient();
  private boolean unsaved;

  private FileSchemaRegistry(Path directory) {
    this.file = directory.resolve(FILE_NAME);
  }

  /** Opens the registry in {@code directory}, created when missing, with what it holds. */
  public static FileSchemaRegistry open(Path directory) {
    try {
      Files.createDirectories(directory);
      FileSchemaRegistry registry = new FileSchemaRegistry(directory);
      if (Files.exists(registry.file)) {
        registry.load(JSON.readTree(registry.file.toFile()));
      }
      return registry;
    } catch (IOException e) {
      throw new RegistryException("Cannot read the schema registry in " + directory, e);
    }
  }

  /** The file the registry lives in. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    if (!holds(subject, schema)) {
      checkCompatible(subject, schema);
      contents.register(subject, schema);
      unsaved = true;
    }
    if (unsaved) {
      save();
    }
    return contents.idOf(subject, schema);
  }

  @Override
  public int idOf(String subject, Schema schema) {
    return contents.idOf(subject, schema);
  }

  /** See {@link InMemorySchemaRegistryClient#lookup}. */
  public RegisteredSchema lookup(String subject, Schema schema) {
    return contents.lookup(subject, schema);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return contents.latest(subject);
  }

  /** See {@link InMemorySchemaRegistryClient#version}. */
  public RegisteredSchema version(String subject, int version) {
    return contents.version(subject, version);
  }

  /** See {@link InMemorySchemaRegistryClient#versions}. */
  public List<Integer> versions(String subject) {
    return contents.versions(subject);
  }

  @Override
  public Schema schemaById(int id) {
    return contents.schemaById(id);
  }

  /** The subjects, in alphabetical order. */
  public List<String> subjects() {
    return contents.subjects();
  }

  /** See {@link InMemorySchemaRegistryClient#subjectsOf}. */
  public List<String> subjectsOf(int id) {
    return contents.subjectsOf(id);
  }

  private boolean holds(String subject, Schema schema) {
    try {
      contents.lookup(subject, schema);
      return true;
    } catch (RegistryException notThere) {
      return false;
    }
  }

  private void checkCompatible(String subject, Schema schema) {
    if (!contents.subjects().contains(subject)) {
      return;
    }
    Schema latest = contents.latest(subject).schema();
    var result = SchemaCompatibility.checkReaderWriterCompatibility(schema, latest);
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      throw new RegistryException(
          409,
          RegistryException.INCOMPATIBLE_SCHEMA,
          "Schema being registered is incompatible with an earlier schema for subject \""
              + subject
              + "\" ("
              + COMPATIBILITY
              + "): "
              + result.getResult().getIncompatibilities());
    }
  }

  private void load(JsonNode root) {
    for (JsonNode subject : root.path("subjects")) {
      String name = subject.get("subject").asText();
      for (JsonNode version : subject.path("versions")) {
        Schema schema = new Schema.Parser().parse(version.get("schema").asText());
        contents.restore(name, version.get("id").asInt(), schema);
      }
    }
  }

  /** Writes everything to a temporary file, flushed to disk, then moves it over the old one. */
  private void save() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode subjects = root.putArray("subjects");
    for (String name : contents.subjects()) {
      ArrayNode versions = subjects.addObject().put("subject", name).putArray("versions");
      for (int v : contents.versions(name)) {
        RegisteredSchema schema = contents.version(name, v);
        versions
            .addObject()
            .put("version", v)
            .put("id", schema.id())
            .put("schema", schema.schema().toString());
      }
    }
    Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
    try {
      byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
      try (FileChannel out =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(ByteBuffer.wrap(bytes));
        out.force(true);
      }
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      unsaved = false;
    } catch (IOException e) {
      throw new RegistryException(
          500,
          RegistryException.STORE_ERROR,
          "Error in the backend data store: cannot write " + file + ": " + e);
    }
  }
}
