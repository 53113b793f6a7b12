package io.github.rela.streams.topology;

import io.github.rela.schemas.avro.TranslationRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the micro-batch buffer's values (store and changelog). The buffer is internal to the
 * application, so it needs no schema registry: the request is plain Avro binary of the schema
 * compiled in, behind a format version byte.
 */
public final class BufferedRequestSerde implements Serde<BufferedRequest> {

  private static final byte FORMAT = 1;

  @Override
  public Serializer<BufferedRequest> serializer() {
    return (topic, value) -> value == null ? null : write(value);
  }

  @Override
  public Deserializer<BufferedRequest> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(BufferedRequest value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      writeBytes(out, value.key());
      writeBytes(out, value.value());
      out.writeInt(value.headers().size());
      for (Map.Entry<String, byte[]> header : value.headers()) {
        out.writeUTF(header.getKey());
        writeBytes(out, header.getValue());
      }
      out.writeLong(value.timestamp());
      out.writeUTF(value.topic());
      out.writeInt(value.partition());
      out.writeLong(value.offset());
      out.writeLong(value.bufferedAtMillis());
      out.flush();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
      new SpecificDatumWriter<>(TranslationRequest.class).write(value.request(), encoder);
      encoder.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new SerializationException("Cannot serialize a buffered request", e);
    }
  }

  static BufferedRequest read(byte[] bytes) {
    try {
      ByteArrayInputStream buffer = new ByteArrayInputStream(bytes);
      DataInputStream in = new DataInputStream(buffer);
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new SerializationException("Unknown buffered request format " + format);
      }
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
    } catch (IOException e) {
      throw new SerializationException("Cannot deserialize a buffered request", e);
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes == null ? -1 : bytes.length);
    if (bytes != null) {
      out.write(bytes);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    return length < 0 ? null : in.readNBytes(length);
  }
}
