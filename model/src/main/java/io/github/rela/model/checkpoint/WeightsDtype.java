package io.github.rela.model.checkpoint;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How weights are stored on disk; they are always loaded back as fp32. */
public enum WeightsDtype {
  FLOAT32("F32", DataType.FLOAT32, 4),
  FLOAT16("F16", DataType.FLOAT16, 2);

  private final String code;
  private final DataType dataType;
  private final int bytes;

  WeightsDtype(String code, DataType dataType, int bytes) {
    this.code = code;
    this.dataType = dataType;
    this.bytes = bytes;
  }

  /** The safetensors dtype code, e.g. {@code F32}. */
  @JsonValue
  public String code() {
    return code;
  }

  public DataType dataType() {
    return dataType;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  @JsonCreator
  public static WeightsDtype fromCode(String code) {
    for (WeightsDtype dtype : values()) {
      if (dtype.code.equals(code)) {
        return dtype;
      }
    }
    throw new IllegalArgumentException(
        "unsupported weights dtype '" + code + "', expected F32 or F16");
  }
}
