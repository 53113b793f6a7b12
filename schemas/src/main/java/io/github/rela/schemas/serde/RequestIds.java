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

  /** {@code <topic>-<partition>@<offset>}, e.g. {@code translation-requests-0@42}. */
  public static String fromCoordinates(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }
}
