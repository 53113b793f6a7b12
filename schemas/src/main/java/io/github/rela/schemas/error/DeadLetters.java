package io.github.rela.schemas.error;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.DeadLetterHeader;
import io.github.rela.schemas.avro.ErrorCode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;

/**
 * Builds {@link DeadLetter} records: the original record byte for byte, where it came from, and why
 * it was rejected.
 *
 * <pre>{@code
 * DeadLetter letter = DeadLetters.forRecord(topic, partition, offset)
 *     .key(keyBytes).value(valueBytes).headers(record.headers())
 *     .error(payloadException)            // or .error(ErrorCode.TEXT_TOO_LONG, "412 > 400 chars")
 *     .build();
 * }</pre>
 */
public final class DeadLetters {

  private DeadLetters() {}

  /** Starts a dead letter for the record at these coordinates (offset -1 when unknown). */
  public static Builder forRecord(String topic, int partition, long offset) {
    return new Builder(topic, partition, offset);
  }

  /** Collects the parts of one dead letter. */
  public static final class Builder {

    private final String topic;
    private final int partition;
    private final long offset;
    private Instant recordTimestamp;
    private byte[] key;
    private byte[] value;
    private final List<DeadLetterHeader> headers = new ArrayList<>();
    private ErrorCode code;
    private String message;
    private String exceptionClass;
    private Instant failedAt;

    private Builder(String topic, int partition, long offset) {
      this.topic = Objects.requireNonNull(topic, "topic");
      this.partition = partition;
      this.offset = offset;
    }

    public Builder recordTimestamp(Instant timestamp) {
      this.recordTimestamp = timestamp;
      return this;
    }

    /** The original key bytes (null for none). */
    public Builder key(byte[] key) {
      this.key = key;
      return this;
    }

    /** The original value bytes (null for none). */
    public Builder value(byte[] value) {
      this.value = value;
      return this;
    }

    /** The original headers, in order (Kafka's {@code Headers} is an {@code Iterable<Header>}). */
    public Builder headers(Iterable<Header> recordHeaders) {
      for (Header header : recordHeaders) {
        headers.add(new DeadLetterHeader(header.key(), wrap(header.value())));
      }
      return this;
    }

    /** The reason from a decoding failure: its code and message. */
    public Builder error(PayloadException e) {
      return error(e.code(), e.getMessage()).exceptionClass(e);
    }

    /**
     * The reason from any failure: a {@link PayloadException} (also as the cause of a wrapping
     * exception) keeps its code; anything else is recorded with {@code fallback}.
     */
    public Builder error(Throwable e, ErrorCode fallback) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof PayloadException payload) {
          return error(payload);
        }
      }
      return error(fallback, e.getMessage() != null ? e.getMessage() : e.toString())
          .exceptionClass(e);
    }

    /** A reason found by validation, with a message naming what was wrong. */
    public Builder error(ErrorCode code, String message) {
      this.code = Objects.requireNonNull(code, "code");
      this.message = Objects.requireNonNull(message, "message");
      return this;
    }

    /** When the record was rejected; defaults to now. */
    public Builder failedAt(Instant failedAt) {
      this.failedAt = failedAt;
      return this;
    }

    public DeadLetter build() {
      if (code == null) {
        throw new IllegalStateException("a dead letter needs an error: call error(...)");
      }
      return new DeadLetter(
          topic,
          partition,
          offset,
          recordTimestamp,
          wrap(key),
          wrap(value),
          List.copyOf(headers),
          code,
          message,
          exceptionClass,
          failedAt != null ? failedAt : Instant.now());
    }

    private Builder exceptionClass(Throwable e) {
      this.exceptionClass = e.getClass().getName();
      return this;
    }

    private static ByteBuffer wrap(byte[] bytes) {
      return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
  }
}
