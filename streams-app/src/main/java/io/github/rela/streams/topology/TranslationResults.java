package io.github.rela.streams.topology;

import io.github.rela.model.quality.QualityEstimate;
import io.github.rela.schemas.avro.DecodingSettings;
import io.github.rela.schemas.avro.Latencies;
import io.github.rela.schemas.avro.ModelInfo;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.streams.inference.LanguagePair;
import io.github.rela.streams.inference.TranslatedSentence;
import java.time.Instant;
import java.util.HashMap;
import java.util.Optional;

/** Builds the Avro result of one request from its translation and where the time went. */
final class TranslationResults {

  private TranslationResults() {}

  static TranslationResult of(
      TranslationRequest request,
      TranslatedSentence translation,
      LanguagePair pair,
      Optional<String> lowConfidenceReason,
      ModelInfo model,
      DecodingSettings decoding,
      Latencies latencies,
      Instant processedAt) {
    QualityEstimate quality = translation.quality();
    return TranslationResult.newBuilder()
        .setRequestId(request.getId())
        .setSourceText(request.getText())
        .setTranslation(translation.translation())
        .setSourceLanguage(pair.source())
        .setTargetLanguage(pair.target())
        .setSourceTokens(translation.sourceTokens())
        .setTargetTokens(translation.targetTokens())
        .setAlignment(translation.alignment())
        .setNullRate(translation.nullRate())
        .setSparsity(translation.sparsity())
        .setScore(translation.score())
        .setLowConfidence(lowConfidenceReason.isPresent())
        .setLowConfidenceReason(lowConfidenceReason.orElse(null))
        .setModel(model)
        .setDecoding(decoding)
        .setLatencies(latencies)
        .setMetadata(new HashMap<>(request.getMetadata()))
        .setProcessedAt(processedAt)
        .setQuality(quality == null ? null : quality.quality())
        .setBadProbability(quality == null ? null : quality.badProbability())
        .build();
  }
}
