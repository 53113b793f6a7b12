package io.github.rela.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.rela.model.tokenizer.SpecialIds;
import java.util.Arrays;

/**
 * One batch as tensors for teacher forcing.
 *
 * @param sourceIds [B, S], padded with PAD
 * @param targetInput [B, T]: BOS followed by the target, padded
 * @param labels [B, T]: the target followed by EOS, padded
 * @param labelCount non-padding labels, the loss's denominator
 */
public record Batch(NDArray sourceIds, NDArray targetInput, NDArray labels, long labelCount) {

  /** Builds the tensors of sentences {@code rows} of {@code corpus} in {@code manager}. */
  public static Batch of(TokenizedCorpus corpus, int[] rows, SpecialIds ids, NDManager manager) {
    int sourceLength = 0;
    int targetLength = 0;
    for (int row : rows) {
      sourceLength = Math.max(sourceLength, corpus.sources()[row].length);
      targetLength = Math.max(targetLength, corpus.labelCount(row));
    }
    long[] source = filled(rows.length * sourceLength, ids.padId());
    long[] input = filled(rows.length * targetLength, ids.padId());
    long[] labels = filled(rows.length * targetLength, ids.padId());
    long count = 0;
    for (int r = 0; r < rows.length; r++) {
      int[] s = corpus.sources()[rows[r]];
      int[] t = corpus.targets()[rows[r]];
      for (int j = 0; j < s.length; j++) {
        source[r * sourceLength + j] = s[j];
      }
      input[r * targetLength] = ids.bosId();
      for (int j = 0; j < t.length; j++) {
        input[r * targetLength + j + 1] = t[j];
        labels[r * targetLength + j] = t[j];
      }
      labels[r * targetLength + t.length] = ids.eosId();
      count += t.length + 1;
    }
    return new Batch(
        manager.create(source, new Shape(rows.length, sourceLength)),
        manager.create(input, new Shape(rows.length, targetLength)),
        manager.create(labels, new Shape(rows.length, targetLength)),
        count);
  }

  private static long[] filled(int size, int value) {
    long[] array = new long[size];
    Arrays.fill(array, value);
    return array;
  }
}
