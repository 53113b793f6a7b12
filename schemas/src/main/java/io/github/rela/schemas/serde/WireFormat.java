package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.error.PayloadException;
import java.nio.ByteBuffer;

/**
 * Confluent's wire format: {@code [0x00][schema id: 4 bytes, big-endian][Avro binary]}.
 *
 * <p>The magic byte 0 also tells Avro from plain text: valid UTF-8 text never starts with NUL.
 */
public final class WireFormat {

  /** The first byte of every Avro payload. */
  public static final byte MAGIC_BYTE = 0;

  /** Magic byte plus schema id. */
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** True when {@code payload} starts like an Avro payload (magic byte 0). */
  public static boolean looksLikeAvro(byte[] payload) {
    return payload.length > 0 && payload[0] == MAGIC_BYTE;
  }

  /**
   * Reads the schema id from the header.
   *
   * @throws PayloadException {@code EMPTY_PAYLOAD}, {@code BAD_MAGIC_BYTE} or, when the header is
   *     cut short, {@code TRUNCATED_AVRO}
   */
  public static int schemaId(byte[] payload) {
    if (payload.length == 0) {
      throw new PayloadException(ErrorCode.EMPTY_PAYLOAD, "Payload is empty (0 bytes)");
    }
    if (payload[0] != MAGIC_BYTE) {
      throw new PayloadException(
          ErrorCode.BAD_MAGIC_BYTE,
          String.format(
              "Unknown magic byte 0x%02X at offset 0 of a %d-byte payload: expected 0x00 (Avro"
                  + " in Confluent's wire format)",
              payload[0] & 0xFF, payload.length));
    }
    if (payload.length < HEADER_SIZE) {
      throw new PayloadException(
          ErrorCode.TRUNCATED_AVRO,
          "Payload of "
              + payload.length
              + " bytes is shorter than the 5-byte header (magic byte and schema id)");
    }
    return ByteBuffer.wrap(payload, 1, 4).getInt();
  }

  /** The 5-byte header for {@code schemaId}. */
  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
  }
}
