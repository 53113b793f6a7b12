package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.error.PayloadException;
import io.github.rela.schemas.registry.RegistryException;

/** Turns registry failures into the payload error codes that the dead-letter records carry. */
final class RegistryErrors {

  private RegistryErrors() {}

  /**
   * @param notFound the code when the registry says "not found" (unknown id, unregistered schema)
   * @param what what was being looked up, for the message
   */
  static PayloadException toPayloadException(RegistryException e, ErrorCode notFound, String what) {
    if (e.isUnavailable()) {
      return new PayloadException(
          ErrorCode.REGISTRY_UNAVAILABLE,
          what + ": schema registry unavailable: " + e.getMessage(),
          e);
    }
    if (e.isNotFound()) {
      return new PayloadException(notFound, what + ": " + e.getMessage(), e);
    }
    return new PayloadException(
        ErrorCode.SCHEMA_MISMATCH, what + ": rejected by the registry: " + e.getMessage(), e);
  }
}
