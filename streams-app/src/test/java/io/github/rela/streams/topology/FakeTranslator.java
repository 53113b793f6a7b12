package io.github.rela.streams.topology;

import ai.djl.engine.EngineException;
import io.github.rela.model.quality.QualityEstimate;
import io.github.rela.schemas.avro.AlignmentEntry;
import io.github.rela.schemas.avro.DecodingSettings;
import io.github.rela.schemas.avro.ModelInfo;
import io.github.rela.streams.inference.BatchTranslator;
import io.github.rela.streams.inference.LanguagePair;
import io.github.rela.streams.inference.TranslatedSentence;
import io.github.rela.streams.inference.TranslatorRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A stand-in model for topology unit tests: "translates" by upper-casing, reports a null rate of
 * 0.9 and an estimated quality of 20 for sentences containing "??" (0.1 and 70 otherwise), as if
 * calibrated with a threshold of 40 (no estimate when {@link #calibrated} is false), fails on
 * "FAIL", runs out of memory when told to, and records its batches.
 */
final class FakeTranslator implements BatchTranslator, TranslatorRegistry {

  final List<List<String>> batches = new ArrayList<>();

  /** How long each batch takes to "decode", so that decoding-time metrics have time to count. */
  long decodeMillis;

  /** How many of the next batches fail as PyTorch fails when it cannot allocate memory. */
  int outOfMemoryFailures;

  /** False: a checkpoint without quality.json, whose translations carry no estimate. */
  boolean calibrated = true;

  static final double THRESHOLD = 40;

  private final Set<LanguagePair> pairs;

  FakeTranslator(LanguagePair... pairs) {
    this.pairs = Set.of(pairs);
  }

  @Override
  public Set<LanguagePair> pairs() {
    return pairs;
  }

  @Override
  public Optional<BatchTranslator> open(LanguagePair pair) {
    return pairs.contains(pair) ? Optional.of(this) : Optional.empty();
  }

  @Override
  public List<TranslatedSentence> translate(List<String> sources) {
    batches.add(List.copyOf(sources));
    pause();
    if (outOfMemoryFailures > 0) {
      outOfMemoryFailures--;
      throw new EngineException(
          "[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: not enough memory:"
              + " you tried to allocate 1073741824 bytes.");
    }
    if (sources.stream().anyMatch(s -> s.contains("FAIL"))) {
      throw new IllegalStateException("model exploded on purpose");
    }
    return sources.stream().map(this::translateOne).toList();
  }

  private void pause() {
    if (decodeMillis > 0) {
      try {
        Thread.sleep(decodeMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private TranslatedSentence translateOne(String source) {
    List<String> tokens = Arrays.asList(source.split(" "));
    List<AlignmentEntry> alignment = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      alignment.add(new AlignmentEntry(i, i, 1.0f));
    }
    boolean doubtful = source.contains("??");
    double nullRate = doubtful ? 0.9 : 0.1;
    double quality = doubtful ? 20 : 70;
    QualityEstimate estimate =
        calibrated
            ? new QualityEstimate(quality, doubtful ? 0.8 : 0.05, quality < THRESHOLD, THRESHOLD)
            : null;
    return new TranslatedSentence(
        source.toUpperCase(Locale.ROOT),
        tokens,
        tokens.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList(),
        alignment,
        -0.5,
        nullRate,
        0.8,
        estimate);
  }

  @Override
  public ModelInfo modelInfo() {
    return new ModelInfo("fake", "1", "0".repeat(64));
  }

  @Override
  public DecodingSettings decodingSettings() {
    return new DecodingSettings(1, 10, 0.6);
  }

  @Override
  public void close() {}
}
