package io.github.rela.model.translate;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.checkpoint.Checkpoint;
import io.github.rela.model.checkpoint.CheckpointReader;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.decoding.Hypothesis;
import io.github.rela.model.lexical.LexicalTable;
import io.github.rela.model.quality.QualityEstimate;
import io.github.rela.model.quality.QualityEstimator;
import io.github.rela.model.quality.QualityFeatureExtractor;
import io.github.rela.model.quality.QualityFeatures;
import io.github.rela.model.quality.QualityReport;
import io.github.rela.model.shortlist.Shortlist;
import io.github.rela.model.tokenizer.SentencePieceTokenizer;
import io.github.rela.model.transformer.Transformer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Sentences in, translations out, in input order.
 *
 * <p>Each sentence is tokenized into pieces followed by EOS (the layout the model is trained on),
 * cut to the model's maximum length with a warning if longer; the sentences are sorted by length so
 * that each batch holds similar lengths (little padding), decoded batch by batch by a {@link
 * BatchDecoder}, and put back in input order. A blank sentence translates to an empty string
 * without touching the model.
 *
 * <p>Thread-confined: use one translator per thread. The model's weights are only read, so
 * translators on several threads may share one {@link Transformer}.
 */
public final class Translator implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Translator.class.getName());

  private final Transformer model;
  private final SentencePieceTokenizer sourceTokenizer;
  private final SentencePieceTokenizer targetTokenizer;
  private final BatchDecoder decoder;
  private final int batchSize;
  private final AttentionView view;
  private final boolean ownsTokenizers;
  private final QualityFeatureExtractor qualityFeatures;
  private final QualityEstimator qualityEstimator;

  private Translator(Builder builder) {
    this.model = builder.model;
    this.sourceTokenizer = builder.sourceTokenizer;
    this.targetTokenizer = builder.targetTokenizer;
    this.decoder =
        new BatchDecoder(
            model,
            builder.manager,
            targetTokenizer.specialIds(),
            builder.decoding.withKeepAttention(true),
            builder.shortlist);
    this.batchSize = builder.batchSize;
    this.view = builder.view;
    this.ownsTokenizers = builder.ownsTokenizers;
    this.qualityFeatures =
        new QualityFeatureExtractor(
            model.config().decoderLayers(),
            model.config().numHeads(),
            sourceTokenizer.vocabSize(),
            sourceTokenizer.specialIds(),
            builder.lexicon);
    this.qualityEstimator = builder.qualityEstimator;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A translator for a loaded checkpoint, with tokenizers of its own (closed with it).
   *
   * @param manager parent of the batches' managers, e.g. the checkpoint's manager
   */
  public static Translator open(
      Checkpoint checkpoint,
      NDManager manager,
      DecodingOptions decoding,
      int batchSize,
      AttentionView view)
      throws IOException {
    return open(
        checkpoint,
        manager,
        decoding,
        batchSize,
        view,
        QualityEstimator.load(checkpoint.directory()).orElse(null));
  }

  /**
   * A translator for a loaded checkpoint that computes the quality features but applies none of the
   * checkpoint's {@code quality.json}: what calibration needs, since it fits a new one, even where
   * the old one no longer fits the checkpoint (e.g. it names a feature whose table is gone).
   */
  public static Translator openUncalibrated(
      Checkpoint checkpoint,
      NDManager manager,
      DecodingOptions decoding,
      int batchSize,
      AttentionView view)
      throws IOException {
    return open(checkpoint, manager, decoding, batchSize, view, null);
  }

  private static Translator open(
      Checkpoint checkpoint,
      NDManager manager,
      DecodingOptions decoding,
      int batchSize,
      AttentionView view,
      QualityEstimator estimator)
      throws IOException {
    var specialIds = checkpoint.config().tokenizer().specialIds();
    SentencePieceTokenizer source =
        SentencePieceTokenizer.load(checkpoint.sourceTokenizer(), specialIds);
    SentencePieceTokenizer target =
        checkpoint.config().tokenizer().sharesModel()
            ? source
            : SentencePieceTokenizer.load(checkpoint.targetTokenizer(), specialIds);
    Builder builder =
        builder()
            .setModel(checkpoint.model())
            .setManager(manager)
            .setTokenizers(source, target)
            .optDecoding(decoding)
            .optBatchSize(batchSize)
            .optAttentionView(view)
            .optQualityEstimator(estimator)
            .optShortlist(checkpoint.shortlist())
            .optLexicon(checkpoint.lexicon());
    builder.ownsTokenizers = true;
    try {
      return builder.build();
    } catch (RuntimeException e) {
      source.close(); // refused: the tokenizers it loaded are not handed to anyone
      if (target != source) {
        target.close();
      }
      throw e;
    }
  }

  /**
   * Checks that a loaded checkpoint can serve estimates: its quality.json, if any, uses no feature
   * the checkpoint lacks the input for. {@link #open} refuses such a checkpoint; a server calls
   * this when it loads one, so that a model never starts or swaps in without its estimate.
   *
   * @throws IllegalArgumentException naming the feature, the missing file and the way out
   */
  public static void checkQualityInputs(Checkpoint checkpoint) throws IOException {
    requireLexiconIfUsed(
        QualityEstimator.load(checkpoint.directory()).orElse(null), checkpoint.lexicon());
  }

  private static void requireLexiconIfUsed(QualityEstimator estimator, LexicalTable lexicon) {
    if (estimator == null || lexicon != null) {
      return;
    }
    List<String> lexical = QualityFeatureExtractor.lexical(estimator.model().features());
    if (!lexical.isEmpty()) {
      throw new IllegalArgumentException(
          "the quality estimator uses "
              + String.join(", ", lexical)
              + " but there is no lexical table: put the checkpoint's "
              + LexicalTable.FILE
              + " back (rela lexicon writes it) or recalibrate without it (rela calibrate)");
    }
  }

  /** A translator for the checkpoint in {@code directory}, loaded into {@code manager}. */
  public static Translator open(
      Path directory,
      NDManager manager,
      DecodingOptions decoding,
      int batchSize,
      AttentionView view)
      throws IOException {
    return open(CheckpointReader.read(directory, manager), manager, decoding, batchSize, view);
  }

  /** Translates {@code sentences}; result i belongs to sentence i. */
  public List<Translation> translate(List<String> sentences) {
    Translation[] results = new Translation[sentences.size()];
    List<Source> sources = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      String sentence = sentences.get(i);
      if (sentence.isBlank()) {
        results[i] = Translation.empty(sentence, view);
      } else {
        sources.add(tokenize(i, sentence));
      }
    }
    sources.sort(Comparator.comparingInt((Source s) -> s.ids.length).reversed());
    for (int start = 0; start < sources.size(); start += batchSize) {
      List<Source> batch = sources.subList(start, Math.min(start + batchSize, sources.size()));
      List<Hypothesis> best = decoder.decode(batch.stream().map(Source::ids).toList());
      for (int n = 0; n < batch.size(); n++) {
        Source source = batch.get(n);
        results[source.index] = assemble(sentences.get(source.index), source, best.get(n));
      }
    }
    return List.of(results);
  }

  /** Translates one sentence. */
  public Translation translate(String sentence) {
    return translate(List.of(sentence)).get(0);
  }

  private Source tokenize(int index, String sentence) {
    int[] pieces = sourceTokenizer.encode(sentence);
    int room = model.config().maxLength() - 1; // leaves room for EOS
    boolean truncated = pieces.length > room;
    if (truncated) {
      LOG.log(
          System.Logger.Level.WARNING,
          "sentence {0} has {1} tokens, more than the model''s maximum of {2}: truncated",
          index + 1,
          pieces.length + 1,
          room + 1);
      pieces = Arrays.copyOf(pieces, room);
    }
    int[] ids = Arrays.copyOf(pieces, pieces.length + 1);
    ids[pieces.length] = sourceTokenizer.specialIds().eosId();
    return new Source(index, ids, truncated);
  }

  private Translation assemble(String sentence, Source source, Hypothesis best) {
    int sourceLength = source.ids.length;
    List<String> sourceTokens =
        Arrays.stream(source.ids).mapToObj(sourceTokenizer::piece).toList(); // EOS last
    List<String> targetTokens =
        Arrays.stream(best.tokens()).mapToObj(targetTokenizer::piece).toList();
    int layers = model.config().decoderLayers();
    int heads = model.config().numHeads();
    AttentionStats stats = AttentionStats.of(best.attention(), layers * heads, sourceLength);
    AttentionView alignmentView = view == AttentionView.HEADS ? AttentionView.LAST_LAYER : view;
    List<AlignmentLink> alignment =
        WordAlignment.align(
            sourceTokens.subList(0, sourceLength - 1),
            targetTokens,
            SparseAttention.averaged(alignmentView, best.attention(), layers, heads, sourceLength));
    String translation = targetTokenizer.decode(best.tokens());
    QualityFeatures features =
        qualityFeatures.extract(
            sentence, translation, source.ids, sourceTokens, targetTokens, best);
    QualityEstimate estimate =
        qualityEstimator == null ? null : qualityEstimator.estimate(features);
    return new Translation(
        sentence,
        translation,
        sourceTokens,
        targetTokens,
        best.logProbability(),
        best.score(),
        SparseAttention.of(view, best.attention(), layers, heads, sourceLength),
        alignment,
        stats.nullRate(),
        stats.sparsity(),
        source.truncated,
        new QualityReport(features, estimate));
  }

  /**
   * Releases the decoder's derived values, and closes the tokenizers when this translator loaded
   * them; the model is the caller's.
   */
  @Override
  public void close() {
    decoder.close();
    if (ownsTokenizers) {
      sourceTokenizer.close();
      if (targetTokenizer != sourceTokenizer) {
        targetTokenizer.close();
      }
    }
  }

  /** A tokenized sentence and its place in the input. */
  private record Source(int index, int[] ids, boolean truncated) {}

  /** Builder: {@code setX} for required values, {@code optX} for optional ones. */
  public static final class Builder {
    private Transformer model;
    private NDManager manager;
    private SentencePieceTokenizer sourceTokenizer;
    private SentencePieceTokenizer targetTokenizer;
    private DecodingOptions decoding = DecodingOptions.defaults();
    private int batchSize = 32;
    private AttentionView view = AttentionView.HEADS;
    private QualityEstimator qualityEstimator;
    private Shortlist shortlist;
    private LexicalTable lexicon;
    private boolean ownsTokenizers;

    private Builder() {}

    public Builder setModel(Transformer model) {
      this.model = model;
      return this;
    }

    /** Parent of every batch's manager, on the device of the model's weights. */
    public Builder setManager(NDManager manager) {
      this.manager = manager;
      return this;
    }

    /** The tokenizers (one instance twice for a joint vocabulary); the caller closes them. */
    public Builder setTokenizers(SentencePieceTokenizer source, SentencePieceTokenizer target) {
      this.sourceTokenizer = source;
      this.targetTokenizer = target;
      return this;
    }

    public Builder optDecoding(DecodingOptions decoding) {
      this.decoding = decoding;
      return this;
    }

    /** Sentences per batch (32 by default). */
    public Builder optBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder optAttentionView(AttentionView view) {
      this.view = view;
      return this;
    }

    /** The calibrated estimator of the checkpoint (none by default: features only). */
    public Builder optQualityEstimator(QualityEstimator qualityEstimator) {
      this.qualityEstimator = qualityEstimator;
      return this;
    }

    /**
     * The checkpoint's vocabulary shortlist (none by default: the whole vocabulary); used when the
     * decoding options have {@code shortlist} on.
     */
    public Builder optShortlist(Shortlist shortlist) {
      this.shortlist = shortlist;
      return this;
    }

    /** The checkpoint's lexical table, for the lexical quality features (none by default). */
    public Builder optLexicon(LexicalTable lexicon) {
      this.lexicon = lexicon;
      return this;
    }

    /** Builds the translator after checking that everything required is set. */
    public Translator build() {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(manager, "manager");
      Objects.requireNonNull(sourceTokenizer, "source tokenizer");
      Objects.requireNonNull(targetTokenizer, "target tokenizer");
      Objects.requireNonNull(decoding, "decoding options");
      Objects.requireNonNull(view, "attention view");
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      }
      if (model.config().maxLength() < 2) {
        throw new IllegalArgumentException("the model's maximum length must be at least 2");
      }
      requireLexiconIfUsed(qualityEstimator, lexicon);
      return new Translator(this);
    }
  }
}
