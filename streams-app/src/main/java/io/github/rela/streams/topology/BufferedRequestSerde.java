package io.github.rela.streams.topology;

import io.github.rela.schemas.avro.BufferedHeader;
import io.github.rela.schemas.avro.BufferedTranslationRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
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
 * Serde of the micro-batch buffer's values (store and changelog): the Avro record {@code
 * BufferedTranslationRequest} (schemas/, under the evolution tests) behind a format byte. The
 * buffer is internal to the application, so it needs no registry: format 2 names the released v1
 * schema, which decodes as the writer's schema; format 1, the earlier hand-written layout, is still
 * read ({@link LegacyBufferedRequestFormat}) so that an older changelog restores.
 */
public final class BufferedRequestSerde implements Serde<BufferedRequest> {

  static final byte FORMAT_AVRO_V1 = 2;
  private static final Schema WRITER_V1 = released("/released/BufferedTranslationRequest/v1.avsc");

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
      bytes.write(FORMAT_AVRO_V1);
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
      new SpecificDatumWriter<>(BufferedTranslationRequest.class).write(toAvro(value), encoder);
      encoder.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new SerializationException("Cannot serialize a buffered request", e);
    }
  }

  static BufferedRequest read(byte[] bytes) {
    try {
      return switch (bytes.length == 0 ? -1 : bytes[0]) {
        case FORMAT_AVRO_V1 -> fromAvro(readAvro(bytes));
        case LegacyBufferedRequestFormat.FORMAT -> LegacyBufferedRequestFormat.read(bytes);
        default ->
            throw new SerializationException(
                "Unknown buffered request format " + (bytes.length == 0 ? "(empty)" : bytes[0]));
      };
    } catch (IOException e) {
      throw new SerializationException("Cannot deserialize a buffered request", e);
    }
  }

  private static BufferedTranslationRequest readAvro(byte[] bytes) throws IOException {
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, null);
    return new SpecificDatumReader<BufferedTranslationRequest>(
            WRITER_V1, BufferedTranslationRequest.getClassSchema())
        .read(null, decoder);
  }

  private static BufferedTranslationRequest toAvro(BufferedRequest value) {
    return BufferedTranslationRequest.newBuilder()
        .setRequest(value.request())
        .setKey(wrap(value.key()))
        .setValue(wrap(value.value()))
        .setHeaders(
            value.headers().stream()
                .map(h -> new BufferedHeader(h.getKey(), wrap(h.getValue())))
                .toList())
        .setTimestamp(value.timestamp())
        .setTopic(value.topic())
        .setPartition(value.partition())
        .setOffset(value.offset())
        .setBufferedAtMillis(value.bufferedAtMillis())
        .build();
  }

  private static BufferedRequest fromAvro(BufferedTranslationRequest avro) {
    List<Map.Entry<String, byte[]>> headers =
        avro.getHeaders().stream()
            .<Map.Entry<String, byte[]>>map(
                h -> new AbstractMap.SimpleImmutableEntry<>(h.getKey(), unwrap(h.getValue())))
            .toList();
    return new BufferedRequest(
        avro.getRequest(),
        unwrap(avro.getKey()),
        unwrap(avro.getValue()),
        headers,
        avro.getTimestamp(),
        avro.getTopic(),
        avro.getPartition(),
        avro.getOffset(),
        avro.getBufferedAtMillis());
  }

  private static ByteBuffer wrap(byte[] bytes) {
    return bytes == null ? null : ByteBuffer.wrap(bytes);
  }

  private static byte[] unwrap(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static Schema released(String resource) {
    try (InputStream in = BufferedTranslationRequest.class.getResourceAsStream(resource)) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
