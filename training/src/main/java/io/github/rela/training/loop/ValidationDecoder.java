package io.github.rela.training.loop;

import io.github.rela.model.tokenizer.SentencePieceTokenizer;
import io.github.rela.model.transformer.Transformer;
import java.util.List;

/** Translates validation sentences with the model being trained, for validation BLEU. */
@FunctionalInterface
public interface ValidationDecoder {

  /** Detokenized translations of {@code sources}, in order. */
  List<String> translate(
      Transformer model,
      SentencePieceTokenizer sourceTokenizer,
      SentencePieceTokenizer targetTokenizer,
      List<String> sources);
}
