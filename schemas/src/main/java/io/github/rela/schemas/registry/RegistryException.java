package io.github.rela.schemas.registry;

import org.apache.kafka.common.KafkaException;

/**
 * A schema registry call failed: either the registry answered with an error (HTTP status and the
 * registry's own error code, e.g. 404/40403 "schema not found") or no registry could be reached.
 */
public final class RegistryException extends KafkaException {

  private static final long serialVersionUID = 1L;

  /** HTTP status used when no registry answered at all. */
  public static final int NO_RESPONSE = 0;

  /** Registry error code for an unknown subject. */
  public static final int SUBJECT_NOT_FOUND = 40401;

  /** Registry error code for an unknown version of a known subject. */
  public static final int VERSION_NOT_FOUND = 40402;

  /** Registry error code for an unknown schema (id, or schema under a subject). */
  public static final int SCHEMA_NOT_FOUND = 40403;

  /** Registry error code (and HTTP status) for a schema the subject's compatibility refuses. */
  public static final int INCOMPATIBLE_SCHEMA = 409;

  /** Registry error code for a schema that does not parse, or of a type the registry lacks. */
  public static final int INVALID_SCHEMA = 42201;

  /** Registry error code for a failure of the registry's own storage. */
  public static final int STORE_ERROR = 50001;

  private final int httpStatus;
  private final int errorCode;

  public RegistryException(int httpStatus, int errorCode, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = NO_RESPONSE;
    this.errorCode = 0;
  }

  /** The HTTP status, or {@link #NO_RESPONSE} when no registry answered. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's error code from the response body (e.g. 40403), or 0 when there was none. */
  public int errorCode() {
    return errorCode;
  }

  /** The subject, version or schema asked for does not exist. */
  public boolean isNotFound() {
    return httpStatus == 404;
  }

  /** No registry answered, or they all failed on their side (5xx, 408, 429): worth retrying. */
  public boolean isUnavailable() {
    return httpStatus == NO_RESPONSE || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
  }
}
