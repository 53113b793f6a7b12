package io.github.rela.schemas.serde;

/** Confluent's default subject naming (TopicNameStrategy). */
public final class Subjects {

  private Subjects() {}

  /** {@code <topic>-key} for keys, {@code <topic>-value} for values. */
  public static String of(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
