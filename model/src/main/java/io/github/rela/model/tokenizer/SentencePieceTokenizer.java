package io.github.rela.model.tokenizer;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A SentencePiece model loaded offline through DJL's native binding: text to ids and back.
 *
 * <p>Models are trained with Debian's {@code spm_train} using the project's special ids ({@code
 * --pad_id=0 --unk_id=1 --bos_id=2 --eos_id=3}). {@link #encode} returns the pieces' ids only;
 * adding BOS/EOS is the caller's decision. {@link #decode} drops control ids (pad, bos, eos) and
 * detokenizes. The native processor is released by {@link #close()}; use one instance per thread.
 */
public final class SentencePieceTokenizer implements AutoCloseable {
  private final SpTokenizer tokenizer;
  private final SpProcessor processor;
  private final int vocabSize;
  private final SpecialIds specialIds;

  private SentencePieceTokenizer(SpTokenizer tokenizer, int vocabSize, SpecialIds specialIds) {
    this.tokenizer = tokenizer;
    this.processor = tokenizer.getProcessor();
    this.vocabSize = vocabSize;
    this.specialIds = specialIds;
  }

  /** Loads {@code modelFile} with the project's special ids (pad 0, unk 1, bos 2, eos 3). */
  public static SentencePieceTokenizer load(Path modelFile) throws IOException {
    return load(modelFile, SpecialIds.PROJECT);
  }

  /**
   * Loads {@code modelFile}.
   *
   * @throws IOException when the file is missing or not a SentencePiece model
   * @throws IllegalArgumentException when a special id is outside the vocabulary
   */
  public static SentencePieceTokenizer load(Path modelFile, SpecialIds specialIds)
      throws IOException {
    if (!Files.isRegularFile(modelFile)) {
      throw new IOException("SentencePiece model " + modelFile + " does not exist");
    }
    byte[] model = Files.readAllBytes(modelFile);
    SpTokenizer tokenizer;
    int vocabSize;
    try {
      vocabSize = ModelProtoPieces.count(model);
      tokenizer = new SpTokenizer(model);
    } catch (RuntimeException e) {
      throw new IOException(modelFile + " is not a SentencePiece model: " + e.getMessage(), e);
    }
    SentencePieceTokenizer loaded = new SentencePieceTokenizer(tokenizer, vocabSize, specialIds);
    for (int id : specialIds.asArray()) {
      if (id < 0 || id >= loaded.vocabSize) {
        loaded.close();
        throw new IllegalArgumentException(
            "special id " + id + " is outside the vocabulary of " + modelFile);
      }
    }
    return loaded;
  }

  /** Token ids of {@code text}, without BOS or EOS. */
  public int[] encode(String text) {
    return processor.encode(text);
  }

  /** Detokenized text of {@code ids}; padding, BOS and EOS are dropped. */
  public String decode(int[] ids) {
    int[] kept =
        Arrays.stream(ids)
            .filter(
                id ->
                    id != specialIds.padId()
                        && id != specialIds.bosId()
                        && id != specialIds.eosId())
            .toArray();
    return processor.decode(kept);
  }

  /** The subword pieces of {@code text}, e.g. {@code ["▁a", "▁man"]}. */
  public List<String> pieces(String text) {
    return tokenizer.tokenize(text);
  }

  /** The piece of one id. */
  public String piece(int id) {
    return processor.getToken(id);
  }

  /** The id of one piece (the unknown id if it is not in the vocabulary). */
  public int id(String piece) {
    return processor.getId(piece);
  }

  public int vocabSize() {
    return vocabSize;
  }

  public SpecialIds specialIds() {
    return specialIds;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
