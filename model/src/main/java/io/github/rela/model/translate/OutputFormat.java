package io.github.rela.model.translate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rela.model.quality.QualityReport;
import java.io.UncheckedIOException;
import java.util.Locale;

/** How {@code rela translate} writes one result per line. */
public enum OutputFormat {
  /** The translation alone. */
  TEXT,
  /**
   * One JSON object: {@code source}, {@code translation}, {@code score}, {@code log_probability},
   * {@code null_rate}, {@code sparsity}, {@code alignment} (Pharaoh), {@code source_tokens}, {@code
   * target_tokens}, {@code truncated}, {@code features} (the quality features), then {@code
   * quality} (estimated chrF) and {@code p_bad} when the checkpoint is calibrated, {@code
   * low_confidence} (the streams app's default rule), and {@code attention} when asked for.
   */
  JSONL;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Parses {@code text} or {@code jsonl}, case-insensitively. */
  public static OutputFormat fromId(String id) {
    return valueOf(id.trim().toUpperCase(Locale.ROOT));
  }

  /** The line for {@code result}, without the line break. */
  public String line(Translation result, boolean withAttention) {
    if (this == TEXT) {
      return result.translation().replace('\n', ' ');
    }
    ObjectNode json = MAPPER.createObjectNode();
    json.put("source", result.source());
    json.put("translation", result.translation());
    json.put("score", result.score());
    json.put("log_probability", result.logProbability());
    json.put("null_rate", result.nullRate());
    json.put("sparsity", result.sparsity());
    json.put("alignment", AlignmentLink.pharaoh(result.alignment()));
    result.sourceTokens().forEach(json.putArray("source_tokens")::add);
    result.targetTokens().forEach(json.putArray("target_tokens")::add);
    json.put("truncated", result.truncated());
    quality(json, result.quality());
    if (withAttention) {
      attention(json.putObject("attention"), result.attention());
    }
    try {
      return MAPPER.writeValueAsString(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void quality(ObjectNode json, QualityReport report) {
    ObjectNode features = json.putObject("features");
    report.features().values().forEach(features::put);
    if (report.hasEstimate()) {
      json.put("quality", report.estimate().quality());
      json.put("p_bad", report.estimate().badProbability());
    }
    // The streams app's default rule: the estimate below its calibrated threshold; no estimate,
    // no flag.
    json.put("low_confidence", report.hasEstimate() && report.estimate().lowConfidence());
  }

  /** The sparse rows, layer-major then head then target token, as in {@link SparseAttention}. */
  private static void attention(ObjectNode json, SparseAttention attention) {
    json.put("view", attention.view().id());
    json.put("layers", attention.layers());
    json.put("heads", attention.heads());
    json.put("target_length", attention.targetLength());
    json.put("source_length", attention.sourceLength());
    ArrayNode rows = json.putArray("rows");
    for (SparseRow row : attention.rows()) {
      ObjectNode entry = rows.addObject();
      ArrayNode positions = entry.putArray("positions");
      ArrayNode weights = entry.putArray("weights");
      for (int i = 0; i < row.positions().length; i++) {
        positions.add(row.positions()[i]);
        weights.add(row.weights()[i]);
      }
    }
  }
}
