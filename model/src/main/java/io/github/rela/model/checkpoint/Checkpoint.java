package io.github.rela.model.checkpoint;

import io.github.rela.model.lexical.LexicalTable;
import io.github.rela.model.shortlist.Shortlist;
import io.github.rela.model.transformer.Transformer;
import java.nio.file.Path;

/**
 * A loaded, verified checkpoint: its configuration and the model with its weights (fp32).
 *
 * @param directory the checkpoint directory
 * @param config the parsed {@code config.json}
 * @param model the model, parameters in the manager given to {@link CheckpointReader#read}
 * @param shortlist the vocabulary shortlist ({@value Shortlist#FILE}), read once with the model;
 *     null when the checkpoint has none
 * @param lexicon the lexical translation table ({@value LexicalTable#FILE}) of the quality
 *     features, read once with the model; null when the checkpoint has none
 */
public record Checkpoint(
    Path directory,
    CheckpointConfig config,
    Transformer model,
    Shortlist shortlist,
    LexicalTable lexicon) {

  /** The source SentencePiece model file. */
  public Path sourceTokenizer() {
    return directory.resolve(config.tokenizer().sourceModel());
  }

  /** The target SentencePiece model file (the same file for a joint vocabulary). */
  public Path targetTokenizer() {
    return directory.resolve(config.tokenizer().targetModel());
  }

  /** A file of the checkpoint by name, e.g. an extra file written beside the model. */
  public Path file(String name) {
    return directory.resolve(name);
  }
}
