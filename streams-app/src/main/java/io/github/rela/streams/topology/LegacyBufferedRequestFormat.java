package io.github.rela.streams.topology;

import io.github.rela.schemas.avro.TranslationRequest;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads buffer values written before the buffer's value became an Avro record (format byte 1), so
 * that a changelog written by an earlier version still restores. Layout, big-endian: format byte,
 * key and value as (int length, -1 for null; bytes), int header count and per header (modified
 * UTF-8 key, bytes), long timestamp, UTF topic, int partition, long offset, long buffered-at
 * millis, then the request as plain Avro binary of the TranslationRequest v1 schema.
 */
final class LegacyBufferedRequestFormat {

  static final byte FORMAT = 1;

  private LegacyBufferedRequestFormat() {}

  static BufferedRequest read(byte[] bytes) throws IOException {
    ByteArrayInputStream buffer = new ByteArrayInputStream(bytes);
    DataInputStream in = new DataInputStream(buffer);
    in.readByte();
    byte[] key = readBytes(in);
    byte[] original = readBytes(in);
    int headerCount = in.readInt();
    List<Map.Entry<String, byte[]>> headers = new ArrayList<>(headerCount);
    for (int i = 0; i < headerCount; i++) {
      headers.add(new AbstractMap.SimpleImmutableEntry<>(in.readUTF(), readBytes(in)));
    }
    long timestamp = in.readLong();
    String topic = in.readUTF();
    int partition = in.readInt();
    long offset = in.readLong();
    long bufferedAt = in.readLong();
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(buffer, null);
    TranslationRequest request =
        new SpecificDatumReader<>(TranslationRequest.class).read(null, decoder);
    return new BufferedRequest(
        request, key, original, headers, timestamp, topic, partition, offset, bufferedAt);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    return length < 0 ? null : in.readNBytes(length);
  }
}
