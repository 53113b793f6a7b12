package io.github.rela.training.loop;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.tokenizer.SentencePieceTokenizer;
import io.github.rela.model.transformer.Transformer;
import io.github.rela.model.translate.Translation;
import io.github.rela.model.translate.Translator;
import java.util.List;

/**
 * Validation BLEU's translations: greedy search (beam 1) in batches, which ranks checkpoints as
 * beam search would at a fraction of its cost. The translator borrows the model and tokenizers of
 * the run; its arrays live in a manager on the model's device, closed after each validation.
 */
public final class GreedyValidationDecoder implements ValidationDecoder {

  private static final int BATCH = 64;

  @Override
  public List<String> translate(
      Transformer model,
      SentencePieceTokenizer sourceTokenizer,
      SentencePieceTokenizer targetTokenizer,
      List<String> sources) {
    Device device = model.namedParameters().values().iterator().next().getArray().getDevice();
    try (NDManager manager = NDManager.newBaseManager(device);
        Translator translator =
            Translator.builder()
                .setModel(model)
                .setManager(manager)
                .setTokenizers(sourceTokenizer, targetTokenizer)
                .optDecoding(DecodingOptions.defaults().withBeamSize(1))
                .optBatchSize(BATCH)
                .build()) {
      return translator.translate(sources).stream().map(Translation::translation).toList();
    }
  }
}
