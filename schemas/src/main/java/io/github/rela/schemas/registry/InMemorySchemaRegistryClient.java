package io.github.rela.schemas.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A schema registry in memory, with the same ids and not-found errors as a real one: ids are global
 * and derived from the schema text, the same schema text gets the same id under every subject,
 * versions count from 1 per subject. It does not check compatibility between versions.
 *
 * <p>Used by unit tests and through {@code mock://scope} URLs ({@link MockSchemaRegistry}), so that
 * serdes configured alike share one registry; {@link FileSchemaRegistry} keeps one on disk.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private final Map<String, Integer> idsBySchemaText = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    int id = idsBySchemaText.computeIfAbsent(schema.toString(), this::freeIdFor);
    restore(subject, id, schema);
    return id;
  }

  @Override
  public synchronized int idOf(String subject, Schema schema) {
    return lookup(subject, schema).id();
  }

  /**
   * The version of {@code subject} that holds {@code schema} ({@code POST /subjects/{subject}}).
   *
   * @throws RegistryException 40401 for an unknown subject, 40403 when the schema is not under it
   */
  public synchronized RegisteredSchema lookup(String subject, Schema schema) {
    List<Integer> versions = subjectVersions(subject);
    Integer id = idsBySchemaText.get(schema.toString());
    int index = id == null ? -1 : versions.indexOf(id);
    if (index < 0) {
      throw notFound(
          RegistryException.SCHEMA_NOT_FOUND,
          "Schema " + schema.getFullName() + " not found under subject " + subject);
    }
    return new RegisteredSchema(id, index + 1, schemasById.get(id));
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    return version(subject, subjectVersions(subject).size());
  }

  /**
   * Version {@code version} (from 1) of {@code subject}.
   *
   * @throws RegistryException 40401 for an unknown subject, 40402 for an unknown version
   */
  public synchronized RegisteredSchema version(String subject, int version) {
    List<Integer> versions = subjectVersions(subject);
    if (version < 1 || version > versions.size()) {
      throw notFound(
          RegistryException.VERSION_NOT_FOUND,
          "Version " + version + " not found under subject " + subject);
    }
    int id = versions.get(version - 1);
    return new RegisteredSchema(id, version, schemasById.get(id));
  }

  /** The version numbers of {@code subject}, 1 to n; 40401 for an unknown subject. */
  public synchronized List<Integer> versions(String subject) {
    int count = subjectVersions(subject).size();
    List<Integer> numbers = new ArrayList<>(count);
    for (int v = 1; v <= count; v++) {
      numbers.add(v);
    }
    return numbers;
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw notFound(RegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }
    return schema;
  }

  /** The subjects registered so far, in alphabetical order. */
  public synchronized List<String> subjects() {
    return List.copyOf(new TreeSet<>(versionsBySubject.keySet()));
  }

  /** The subjects whose versions include schema {@code id}, in alphabetical order. */
  public synchronized List<String> subjectsOf(int id) {
    schemaById(id);
    return versionsBySubject.entrySet().stream()
        .filter(e -> e.getValue().contains(id))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /**
   * Adds {@code schema} under {@code subject} with a known id, as a registry reloaded from disk
   * must: ids already handed out keep their meaning whatever the id derivation does today.
   */
  synchronized void restore(String subject, int id, Schema schema) {
    idsBySchemaText.putIfAbsent(schema.toString(), id);
    schemasById.putIfAbsent(id, schema);
    List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(id)) {
      versions.add(id);
    }
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

  private List<Integer> subjectVersions(String subject) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null) {
      throw notFound(RegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found");
    }
    return versions;
  }

  private static RegistryException notFound(int errorCode, String message) {
    return new RegistryException(404, errorCode, message);
  }
}
