package io.github.rela.connect;

import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Finds the text to translate in a record's value: the whole value (a string), or a string field of
 * a Struct (with a schema) or a Map (schemaless, e.g. JSON without schemas). Anything else is
 * rejected with a {@link Rejection} naming what was found.
 *
 * @param field the source field, or empty for the whole value
 * @param maxChars longest text accepted, in Unicode code points
 */
public record SourceText(String field, int maxChars) {

  public boolean isWholeValue() {
    return field.isEmpty();
  }

  /**
   * The text of a non-null {@code value}, checked: null when the source field is present but null.
   *
   * @throws DataException with a {@link Rejection} reason when there is no text to translate
   */
  public String of(Schema schema, Object value) {
    String text;
    if (isWholeValue()) {
      text = wholeValue(schema, value);
    } else if (value instanceof Struct struct) {
      text = structField(struct);
    } else if (value instanceof Map<?, ?> map) {
      text = mapField(map);
    } else {
      throw Rejection.UNSUPPORTED_VALUE.exception(
          "the value is a "
              + describe(value)
              + "; source.field '"
              + field
              + "' needs a Struct or"
              + " a Map");
    }
    if (text != null) {
      check(text);
    }
    return text;
  }

  private String wholeValue(Schema schema, Object value) {
    if (value instanceof String text && (schema == null || schema.type() == Schema.Type.STRING)) {
      return text;
    }
    throw Rejection.UNSUPPORTED_VALUE.exception(
        "the value is a "
            + describe(value)
            + ", not a string; set source.field to translate a"
            + " field of it");
  }

  private String structField(Struct struct) {
    Field source = struct.schema().field(field);
    if (source == null) {
      throw Rejection.MISSING_FIELD.exception("the value has no field '" + field + "'");
    }
    if (source.schema().type() != Schema.Type.STRING) {
      throw Rejection.NOT_A_STRING.exception(
          "field '" + field + "' is of type " + source.schema().type() + ", not a string");
    }
    return struct.getString(field);
  }

  private String mapField(Map<?, ?> map) {
    if (!map.containsKey(field)) {
      throw Rejection.MISSING_FIELD.exception("the value has no field '" + field + "'");
    }
    Object text = map.get(field);
    if (text == null || text instanceof String) {
      return (String) text;
    }
    throw Rejection.NOT_A_STRING.exception(
        "field '" + field + "' is of type " + describe(text) + ", not a string");
  }

  private void check(String text) {
    if (text.isBlank()) {
      throw Rejection.EMPTY_TEXT.exception("the text to translate is empty");
    }
    int length = text.codePointCount(0, text.length());
    if (length > maxChars) {
      throw Rejection.TEXT_TOO_LONG.exception(
          "the text has " + length + " characters, more than input.max.chars=" + maxChars);
    }
  }

  private static String describe(Object value) {
    return value instanceof Struct ? "Struct" : value.getClass().getSimpleName();
  }
}
