package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.TranslationRequest;

/**
 * Ids for requests that arrive without one (plain-text input). The id is built from the input
 * record's coordinates, so a record reprocessed after a crash gets the same id again, which is what
 * lets exactly-once be checked by counting ids.
 */
public final class RequestIds {

  private RequestIds() {}

  /** True when the request has no usable id (plain-text input, or an Avro request with ""). */
  public static boolean isMissing(TranslationRequest request) {
    return request.getId() == null || request.getId().isBlank();
  }

  /**
   * Gives a request without an id the one derived from its record's coordinates; a request with an
   * id is left alone. Returns the same (mutated) instance.
   */
  public static TranslationRequest ensureId(
      TranslationRequest request, String topic, int partition, long offset) {
    if (isMissing(request)) {
      request.setId(fromCoordinates(topic, partition, offset));
    }
    return request;
  }

  /** {@code <topic>-<partition>@<offset>}, e.g. {@code translation-requests-0@42}. */
  public static String fromCoordinates(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }
}
