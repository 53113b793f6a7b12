package io.github.rela.schemas.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A schema registry in memory, with the same ids and not-found errors as a real one: ids are global
 * and start at 1, the same schema text gets the same id under every subject, versions count from 1
 * per subject. It does not check compatibility between versions.
 *
 * <p>Used by unit tests and by the streams app's embedded default, through {@code mock://scope}
 * URLs ({@link MockSchemaRegistry}), so that serdes configured alike share one registry.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private final Map<String, Integer> idsBySchemaText = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    String text = schema.toString();
    int id = idsBySchemaText.computeIfAbsent(text, this::freeIdFor);
    schemasById.putIfAbsent(id, schema);
    List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(id)) {
      versions.add(id);
    }
    return id;
  }

  @Override
  public synchronized int idOf(String subject, Schema schema) {
    Integer id = idsBySchemaText.get(schema.toString());
    if (id == null || !subjectVersions(subject).contains(id)) {
      throw notFound(
          RegistryException.SCHEMA_NOT_FOUND,
          "Schema " + schema.getFullName() + " not found under subject " + subject);
    }
    return id;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Integer> versions = subjectVersions(subject);
    int id = versions.get(versions.size() - 1);
    return new RegisteredSchema(id, versions.size(), schemasById.get(id));
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw notFound(RegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }
    return schema;
  }

  /** The fingerprint-derived id, or the next free one above it should another schema hold it. */
  private int freeIdFor(String schemaText) {
    long fingerprint =
        SchemaNormalization.fingerprint64(schemaText.getBytes(StandardCharsets.UTF_8));
    int id = Math.max(1, (int) (fingerprint & Integer.MAX_VALUE));
    while (schemasById.containsKey(id)) {
      id = id == Integer.MAX_VALUE ? 1 : id + 1;
    }
    return id;
  }

  /** The subjects registered so far, for tests and diagnostics. */
  public synchronized List<String> subjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  private List<Integer> subjectVersions(String subject) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null) {
      throw notFound(RegistryException.SUBJECT_NOT_FOUND, "Subject " + subject + " not found");
    }
    return versions;
  }

  private static RegistryException notFound(int errorCode, String message) {
    return new RegistryException(404, errorCode, message);
  }
}
