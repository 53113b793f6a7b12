package io.github.rela.connect;

import org.apache.kafka.connect.header.Headers;

/**
 * Writes the outputs as headers named like the fields. Header values carry Connect schemas (string,
 * float64, boolean); the worker's header converter ({@code SimpleHeaderConverter} by default)
 * writes them as text, e.g. {@code 0.25} and {@code true}. An estimate the model cannot give is
 * left out.
 */
public final class HeaderOutput {

  private final OutputNames names;

  public HeaderOutput(OutputNames names) {
    this.names = names;
  }

  /**
   * A copy of {@code headers} with the outputs of {@code text}.
   *
   * @param withTranslation false when the translation went into the value
   */
  public Headers addTo(Headers headers, TranslatedText text, boolean withTranslation) {
    Headers updated = headers.duplicate();
    if (withTranslation) {
      updated.addString(names.translation(), text.translation());
    }
    if (OutputNames.isWritten(names.score())) {
      updated.addDouble(names.score(), text.score());
    }
    if (OutputNames.isWritten(names.nullRate())) {
      updated.addDouble(names.nullRate(), text.nullRate());
    }
    if (OutputNames.isWritten(names.lowConfidence())) {
      updated.addBoolean(names.lowConfidence(), text.lowConfidence());
    }
    if (OutputNames.isWritten(names.quality()) && text.quality() != null) {
      updated.addDouble(names.quality(), text.quality());
    }
    return updated;
  }
}
