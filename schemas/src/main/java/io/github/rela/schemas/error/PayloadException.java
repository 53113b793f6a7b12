package io.github.rela.schemas.error;

import io.github.rela.schemas.avro.ErrorCode;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's bytes could not be turned into a typed value (or a value into bytes), for a reason
 * named by an {@link ErrorCode}.
 *
 * <p>It extends Kafka's {@link SerializationException} so that Kafka clients and Kafka Streams'
 * deserialization handlers treat it like any other serde failure, while the streams app can route
 * on {@link #code()} and store {@link #getMessage()} in a {@code DeadLetter} without parsing text.
 * Messages name what was wrong: byte values, schema ids, lengths and offsets.
 */
public final class PayloadException extends SerializationException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public PayloadException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public PayloadException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Why the payload was rejected; also the {@code errorCode} of the resulting dead letter. */
  public ErrorCode code() {
    return code;
  }

  @Override
  public String toString() {
    return "PayloadException[" + code + "]: " + getMessage();
  }
}
