package io.github.rela.model.checkpoint;

import java.io.IOException;

/** A checkpoint that cannot be written or loaded, with the reason as a machine-readable kind. */
public final class CheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why a checkpoint was refused. */
  public enum Reason {
    /** A file the checkpoint needs is absent. */
    MISSING_FILE,
    /** A file's SHA-256 differs from the manifest's. */
    CHECKSUM_MISMATCH,
    /** The manifest or config declares a format version this code does not read. */
    UNKNOWN_FORMAT_VERSION,
    /** {@code config.json} or {@code manifest.json} is unreadable or inconsistent. */
    INVALID_CONFIG,
    /** The weights file is malformed (header, dtype, offsets). */
    INVALID_WEIGHTS,
    /** A parameter the architecture needs is absent from the weights. */
    MISSING_PARAMETER,
    /** The weights hold a parameter the architecture does not have. */
    UNEXPECTED_PARAMETER,
    /** A parameter's shape differs from the architecture's. */
    SHAPE_MISMATCH
  }

  private final Reason reason;

  public CheckpointException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public CheckpointException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
