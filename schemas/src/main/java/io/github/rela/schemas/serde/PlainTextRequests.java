package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.error.PayloadException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * A request value that is just UTF-8 text, e.g. typed into {@code kafka-console-producer}: the
 * whole value is the sentence. A leading byte-order mark is dropped; nothing else is trimmed.
 *
 * <p>The request id is left null: the deserializer sees neither partition nor offset. The streams
 * app fills it with {@link RequestIds#fromCoordinates}, which is stable across replays. Languages,
 * reference and event time are null (the configured defaults apply) and metadata is empty.
 */
public final class PlainTextRequests {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private PlainTextRequests() {}

  /**
   * Decodes {@code payload} as a request.
   *
   * @throws PayloadException {@code INVALID_UTF8}, naming the offset and value of the first bad
   *     byte, or {@code EMPTY_PAYLOAD}
   */
  public static TranslationRequest decode(byte[] payload) {
    if (payload.length == 0) {
      throw new PayloadException(ErrorCode.EMPTY_PAYLOAD, "Payload is empty (0 bytes)");
    }
    return new TranslationRequest(
        null, decodeUtf8(payload), null, null, null, new HashMap<>(), null);
  }

  /** Strict UTF-8: malformed and unmappable input are errors, never replaced. */
  static String decodeUtf8(byte[] payload) {
    int start = startsWithBom(payload) ? BOM.length : 0;
    ByteBuffer in = ByteBuffer.wrap(payload, start, payload.length - start);
    CharBuffer out = CharBuffer.allocate(payload.length);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw invalidUtf8(payload, in.position(), result.length());
    }
    return out.flip().toString();
  }

  private static PayloadException invalidUtf8(byte[] payload, int offset, int length) {
    StringBuilder bytes = new StringBuilder();
    for (int i = offset; i < Math.min(offset + Math.max(length, 1), payload.length); i++) {
      bytes.append(String.format(" 0x%02X", payload[i] & 0xFF));
    }
    return new PayloadException(
        ErrorCode.INVALID_UTF8,
        "Payload of "
            + payload.length
            + " bytes is neither Avro (first byte 0x"
            + String.format("%02X", payload[0] & 0xFF)
            + ", not 0x00) nor valid UTF-8 text: invalid byte sequence at offset "
            + offset
            + ":"
            + bytes);
  }

  private static boolean startsWithBom(byte[] payload) {
    return payload.length >= BOM.length
        && payload[0] == BOM[0]
        && payload[1] == BOM[1]
        && payload[2] == BOM[2];
  }
}
