package io.github.rela.streams.inference;

import io.github.rela.model.translate.SparseAttention;
import io.github.rela.model.translate.SparseRow;
import io.github.rela.model.translate.Translation;
import io.github.rela.model.translate.Translator;
import io.github.rela.schemas.avro.AlignmentEntry;
import io.github.rela.schemas.avro.DecodingSettings;
import io.github.rela.schemas.avro.ModelInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The model's {@link Translator} behind the topology's {@link BatchTranslator}: translations with
 * their sparse cross-attention (mean over the heads of the last decoder layer) as alignment.
 */
final class ModelBatchTranslator implements BatchTranslator {

  private final Translator translator;
  private final ServedModel model;
  private final DecodingSettings decodingSettings;
  private final AutoCloseable resources;

  /**
   * @param model whose reference this translator holds until it closes
   * @param resources closed with this translator (its tokenizers' and arrays' owners)
   */
  ModelBatchTranslator(
      Translator translator,
      ServedModel model,
      DecodingSettings decodingSettings,
      AutoCloseable resources) {
    this.translator = translator;
    this.model = model;
    this.decodingSettings = decodingSettings;
    this.resources = resources;
  }

  @Override
  public List<TranslatedSentence> translate(List<String> sources) {
    return translator.translate(sources).stream().map(ModelBatchTranslator::convert).toList();
  }

  static TranslatedSentence convert(Translation t) {
    return new TranslatedSentence(
        t.translation(),
        t.sourceTokens(),
        t.targetTokens(),
        alignment(t.attention()),
        t.score(),
        t.nullRate(),
        t.sparsity(),
        t.quality().estimate());
  }

  /** Every non-zero weight of the aggregated cross-attention, target by target. */
  static List<AlignmentEntry> alignment(SparseAttention attention) {
    List<AlignmentEntry> entries = new ArrayList<>();
    for (int target = 0; target < attention.rows().size(); target++) {
      SparseRow row = attention.rows().get(target);
      for (int k = 0; k < row.positions().length; k++) {
        entries.add(new AlignmentEntry(target, row.positions()[k], row.weights()[k]));
      }
    }
    return entries;
  }

  @Override
  public ModelInfo modelInfo() {
    return model.info();
  }

  @Override
  public boolean replaced() {
    return model.retired();
  }

  @Override
  public DecodingSettings decodingSettings() {
    return decodingSettings;
  }

  @Override
  public void close() {
    try {
      translator.close();
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException("Closing the translator of " + model.info().getName(), e);
    } finally {
      model.release();
    }
  }
}
