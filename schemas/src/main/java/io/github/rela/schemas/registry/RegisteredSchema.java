package io.github.rela.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A schema as the registry holds it under a subject.
 *
 * @param id global schema id, the one written after the magic byte
 * @param version version number within the subject, from 1
 * @param schema the Avro schema
 */
public record RegisteredSchema(int id, int version, Schema schema) {

  public RegisteredSchema {
    Objects.requireNonNull(schema, "schema");
  }
}
