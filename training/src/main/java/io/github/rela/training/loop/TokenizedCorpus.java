package io.github.rela.training.loop;

import io.github.rela.evaluation.corpus.SentencePair;
import io.github.rela.model.tokenizer.SentencePieceTokenizer;
import java.util.Arrays;
import java.util.List;

/**
 * A parallel corpus as subword ids, in memory: sources end with EOS, targets are bare (the batch
 * adds BOS to the decoder input and EOS to the labels). Longer sequences are cut to {@code
 * maxLength} so that no batch exceeds the model's positions.
 *
 * @param sources [sentence][source token ids + EOS]
 * @param targets [sentence][target token ids]
 */
public record TokenizedCorpus(int[][] sources, int[][] targets) {

  public TokenizedCorpus {
    if (sources.length != targets.length) {
      throw new IllegalArgumentException(
          sources.length + " sources but " + targets.length + " targets");
    }
  }

  public static TokenizedCorpus encode(
      List<SentencePair> pairs,
      SentencePieceTokenizer sourceTokenizer,
      SentencePieceTokenizer targetTokenizer,
      int maxLength) {
    int eos = sourceTokenizer.specialIds().eosId();
    int[][] sources = new int[pairs.size()][];
    int[][] targets = new int[pairs.size()][];
    for (int i = 0; i < pairs.size(); i++) {
      int[] source = sourceTokenizer.encode(pairs.get(i).source());
      source = Arrays.copyOf(source, Math.min(source.length, maxLength - 1) + 1);
      source[source.length - 1] = eos;
      sources[i] = source;
      int[] target = targetTokenizer.encode(pairs.get(i).target());
      targets[i] = Arrays.copyOf(target, Math.min(target.length, maxLength - 1));
    }
    return new TokenizedCorpus(sources, targets);
  }

  public int size() {
    return sources.length;
  }

  /** Target tokens the loss counts for sentence {@code i}: its tokens plus EOS. */
  public int labelCount(int i) {
    return targets[i].length + 1;
  }

  /** The padded length each sentence needs: the longer of its source and its labels. */
  public int[] lengths() {
    int[] lengths = new int[size()];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = Math.max(sources[i].length, labelCount(i));
    }
    return lengths;
  }
}
