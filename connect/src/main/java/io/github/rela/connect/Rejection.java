package io.github.rela.connect;

import org.apache.kafka.connect.errors.DataException;

/**
 * Why a record cannot be translated. The transform throws a {@link DataException} whose message
 * starts with the reason in brackets, so that Connect's error handling applies: with {@code
 * errors.tolerance=all} the record is skipped and logged ({@code errors.log.enable}), and a sink
 * connector sends it to its dead-letter queue with the message in the {@code
 * __connect.errors.exception.message} header ({@code
 * errors.deadletterqueue.context.headers.enable}). The names match the streams app's dead-letter
 * reasons.
 */
public enum Rejection {
  /**
   * The value is neither a Struct nor a Map, or not a string when the whole value is translated.
   */
  UNSUPPORTED_VALUE,
  /** The value has no such source field. */
  MISSING_FIELD,
  /** The source text is not a string. */
  NOT_A_STRING,
  /** The source text is empty or blank. */
  EMPTY_TEXT,
  /** The source text is longer than {@code input.max.chars}, or than the model reads. */
  TEXT_TOO_LONG,
  /** An output field already exists in the value. */
  FIELD_EXISTS,
  /** The model failed on the text. */
  TRANSLATION_FAILED;

  /** The exception that reports this reason for a record. */
  public DataException exception(String detail) {
    return new DataException("[" + name() + "] " + detail);
  }

  /** The exception that reports this reason for a record, with the cause. */
  public DataException exception(String detail, Throwable cause) {
    return new DataException("[" + name() + "] " + detail, cause);
  }
}
