package io.github.rela.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/** Lengths and counts are checked against the bytes left before Avro allocates for them. */
class BoundedDecoderTest {

  @Test
  void shouldRefuseAnArrayCountLargerThanTheBytesLeft() {
    // Given an array block claiming 2^30 items (zig-zag varint) and two bytes after it
    byte[] bytes = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 1, 2};

    // When the array starts
    EOFException e = assertThrows(EOFException.class, () -> decoder(bytes).readArrayStart());

    // Then the count and what is left are named
    assertEquals("array 1073741824 exceeds the 2 bytes left", e.getMessage());
  }

  @Test
  void shouldRefuseAMapCountLargerThanTheBytesLeft() {
    byte[] bytes = {0x10, 1};
    assertThrows(EOFException.class, () -> decoder(bytes).readMapStart());
  }

  @Test
  void shouldReadWhatFits() throws Exception {
    // Given a 2-byte string "hi" and a 1-item array
    byte[] bytes = {0x04, 'h', 'i', 0x02, 0x06, 0x00};
    BoundedDecoder decoder = decoder(bytes);

    // Then
    assertEquals("hi", decoder.readString());
    assertEquals(1, decoder.readArrayStart());
    assertEquals(3, decoder.readInt());
    assertEquals(0, decoder.arrayNext());
  }

  private static BoundedDecoder decoder(byte[] bytes) {
    return new BoundedDecoder(DecoderFactory.get().binaryDecoder(bytes, null));
  }
}
