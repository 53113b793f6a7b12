package io.github.rela.training.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Batches by token count, as in "Attention Is All You Need" (batches of about N source and target
 * tokens) and fairseq's {@code --max-tokens}: examples of similar length go together so that little
 * is spent on padding, and each batch holds as many examples as fit in {@code maxTokens} padded
 * tokens.
 *
 * <p>Each epoch: shuffle the examples, sort them by length (the shuffle breaks ties at random), cut
 * the sorted run greedily into batches, then shuffle the batches. Every random choice derives from
 * {@code (seed, epoch)} alone, so the batches of any epoch can be rebuilt from a {@link
 * SamplerPosition}, which is what makes resuming exact. Not thread-safe.
 */
public final class TokenBatchSampler {

  private final int[] lengths;
  private final int maxTokens;
  private final long seed;
  private SamplerPosition position;
  private List<TokenBatch> epochBatches;

  /**
   * A sampler at the start of training.
   *
   * @param lengths the token count of each example (e.g. the longer of source and target)
   * @param maxTokens most padded tokens per batch
   * @param seed the seed of all shuffling
   * @throws IllegalArgumentException when an example alone exceeds {@code maxTokens}
   */
  public TokenBatchSampler(int[] lengths, int maxTokens, long seed) {
    if (lengths.length == 0) {
      throw new IllegalArgumentException("No examples to batch");
    }
    int longest = IntStream.of(lengths).max().getAsInt();
    if (longest > maxTokens) {
      throw new IllegalArgumentException(
          "An example has %d tokens, more than maxTokens %d; filter long sentences first"
              .formatted(longest, maxTokens));
    }
    this.lengths = lengths.clone();
    this.maxTokens = maxTokens;
    this.seed = seed;
    seek(SamplerPosition.START);
  }

  /** Moves to {@code position}, e.g. the one saved in a checkpoint. */
  public void seek(SamplerPosition target) {
    epochBatches = batchesOf(target.epoch());
    if (target.batch() > epochBatches.size()) {
      throw new IllegalArgumentException(
          "Epoch %d has %d batches, cannot resume at batch %d"
              .formatted(target.epoch(), epochBatches.size(), target.batch()));
    }
    position = target;
  }

  /** The position of the next batch; save it to resume. */
  public SamplerPosition position() {
    return position;
  }

  /** The next batch, moving on to the next epoch after the last one. */
  public TokenBatch next() {
    if (position.batch() == epochBatches.size()) {
      seek(new SamplerPosition(position.epoch() + 1, 0));
    }
    TokenBatch batch = epochBatches.get(position.batch());
    position = new SamplerPosition(position.epoch(), position.batch() + 1);
    return batch;
  }

  /** All batches of one epoch, in the order they are handed out. */
  public List<TokenBatch> batchesOf(int epoch) {
    Random random = new Random(seed * 1_000_003L + epoch);
    List<Integer> order = new ArrayList<>(lengths.length);
    for (int i = 0; i < lengths.length; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    order.sort(Comparator.comparingInt(i -> lengths[i]));
    List<int[]> cuts = cut(order);
    Collections.shuffle(cuts, random);
    List<TokenBatch> batches = new ArrayList<>(cuts.size());
    for (int b = 0; b < cuts.size(); b++) {
      int[] indices = cuts.get(b);
      int maxLength = lengths[indices[indices.length - 1]];
      batches.add(new TokenBatch(new SamplerPosition(epoch, b), indices, maxLength));
    }
    return batches;
  }

  /** Greedy cut of a length-sorted run: grow a batch while (size + 1) * length fits. */
  private List<int[]> cut(List<Integer> sorted) {
    List<int[]> cuts = new ArrayList<>();
    int start = 0;
    for (int end = 1; end <= sorted.size(); end++) {
      boolean last = end == sorted.size();
      if (last || (end - start + 1) * lengths[sorted.get(end)] > maxTokens) {
        cuts.add(sorted.subList(start, end).stream().mapToInt(Integer::intValue).toArray());
        start = end;
      }
    }
    return cuts;
  }
}
