package io.github.rela.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenBatchSamplerTest {

  private static final int MAX_TOKENS = 64;

  /** 500 examples of 1 to 30 tokens. */
  private static int[] lengths() {
    Random random = new Random(7);
    int[] lengths = new int[500];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = 1 + random.nextInt(30);
    }
    return lengths;
  }

  @Test
  void shouldUseEveryExampleOncePerEpochWithinTheTokenBudget() {
    // Given a sampler over 500 examples
    int[] lengths = lengths();
    TokenBatchSampler sampler = new TokenBatchSampler(lengths, MAX_TOKENS, 42);
    // When the batches of an epoch are built
    List<TokenBatch> batches = sampler.batchesOf(0);
    // Then each example appears once and no batch exceeds the padded budget
    int[] seen = new int[lengths.length];
    for (TokenBatch batch : batches) {
      assertTrue(batch.paddedTokens() <= MAX_TOKENS, batch.toString());
      for (int i : batch.indices()) {
        seen[i]++;
        assertTrue(lengths[i] <= batch.maxLength());
      }
    }
    assertTrue(Arrays.stream(seen).allMatch(count -> count == 1));
  }

  @Test
  void shouldGroupSentencesOfSimilarLength() {
    // Given a sampler over 500 examples
    int[] lengths = lengths();
    TokenBatchSampler sampler = new TokenBatchSampler(lengths, MAX_TOKENS, 42);
    // When the batches of an epoch are built
    List<TokenBatch> batches = sampler.batchesOf(0);
    // Then batches cover disjoint length ranges (they are cuts of a length-sorted run)
    List<int[]> ranges = new ArrayList<>();
    for (TokenBatch batch : batches) {
      int min = Arrays.stream(batch.indices()).map(i -> lengths[i]).min().getAsInt();
      ranges.add(new int[] {min, batch.maxLength()});
    }
    ranges.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
    for (int k = 1; k < ranges.size(); k++) {
      assertTrue(ranges.get(k - 1)[1] <= ranges.get(k)[0], "overlapping length ranges");
    }
  }

  @Test
  void shouldShuffleDeterministicallyBySeedAndEpoch() {
    // Given two samplers with one seed and one with another
    int[] lengths = lengths();
    TokenBatchSampler a = new TokenBatchSampler(lengths, MAX_TOKENS, 42);
    TokenBatchSampler b = new TokenBatchSampler(lengths, MAX_TOKENS, 42);
    TokenBatchSampler c = new TokenBatchSampler(lengths, MAX_TOKENS, 43);
    // When their epochs are built
    // Then the same seed gives the same batches, and epochs and seeds differ
    assertEquals(a.batchesOf(0), b.batchesOf(0));
    assertEquals(a.batchesOf(3), b.batchesOf(3));
    assertNotEquals(indices(a.batchesOf(0)), indices(a.batchesOf(1)));
    assertNotEquals(indices(a.batchesOf(0)), indices(c.batchesOf(0)));
  }

  @Test
  void shouldResumeExactlyWhereItStopped() {
    // Given a run that takes batches into its second epoch and saves its position
    int[] lengths = lengths();
    TokenBatchSampler straight = new TokenBatchSampler(lengths, MAX_TOKENS, 42);
    int perEpoch = straight.batchesOf(0).size();
    for (int i = 0; i < perEpoch + 5; i++) {
      straight.next();
    }
    SamplerPosition saved = straight.position();
    // When a new sampler seeks to the saved position
    TokenBatchSampler resumed = new TokenBatchSampler(lengths, MAX_TOKENS, 42);
    resumed.seek(saved);
    // Then both hand out the same batches from there on, across the next epoch boundary
    assertEquals(new SamplerPosition(1, 5), saved);
    for (int i = 0; i < perEpoch + 3; i++) {
      assertEquals(straight.next(), resumed.next());
    }
    assertEquals(straight.position(), resumed.position());
  }

  @Test
  void shouldRejectExamplesLongerThanTheBudget() {
    // Given an example of 65 tokens and a budget of 64, when built, then it fails clearly
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TokenBatchSampler(new int[] {3, 65}, MAX_TOKENS, 1));
    assertEquals(
        "An example has 65 tokens, more than maxTokens 64; filter long sentences first",
        error.getMessage());
  }

  @Test
  void shouldRejectPositionsBeyondTheEpoch() {
    // Given a sampler with a few batches per epoch
    TokenBatchSampler sampler = new TokenBatchSampler(new int[] {10, 10, 10}, 20, 1);
    // When seeking past the last batch, then it fails
    assertThrows(IllegalArgumentException.class, () -> sampler.seek(new SamplerPosition(0, 3)));
  }

  private static List<List<Integer>> indices(List<TokenBatch> batches) {
    return batches.stream().map(b -> Arrays.stream(b.indices()).boxed().toList()).toList();
  }
}
