package io.github.rela.streams.topology;

import io.github.rela.schemas.avro.TranslationRequest;
import java.util.List;
import java.util.Map;

/**
 * A validated request waiting in the micro-batch buffer, with everything its output record needs:
 * the original key, headers and timestamp, and the input coordinates for a dead letter.
 *
 * @param value the original value bytes, for a dead letter if translation fails
 * @param bufferedAtMillis wall-clock time it entered the buffer, for the linger deadline
 */
public record BufferedRequest(
    TranslationRequest request,
    byte[] key,
    byte[] value,
    List<Map.Entry<String, byte[]>> headers,
    long timestamp,
    String topic,
    int partition,
    long offset,
    long bufferedAtMillis)
    implements Outcome {

  public BufferedRequest {
    headers = List.copyOf(headers);
  }
}
