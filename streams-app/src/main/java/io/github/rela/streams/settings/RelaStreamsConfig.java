package io.github.rela.streams.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * The application's own settings, all under the {@value #PREFIX} prefix. Kafka Streams, client and
 * security settings are not declared here: they pass through unchanged (see {@link ConfigLoader}).
 *
 * <p>Every key has a default, a validator and documentation, so that an invalid value stops
 * start-up with Kafka's {@code ConfigException} naming the key, and so that the README's table and
 * {@code rela run --help-config} come from one place.
 */
public final class RelaStreamsConfig extends AbstractConfig {

  public static final String PREFIX = "rela.";

  public static final String REQUESTS_TOPIC = "rela.topic.requests";
  public static final String RESULTS_TOPIC = "rela.topic.results";
  public static final String LOW_CONFIDENCE_TOPIC = "rela.topic.low.confidence";
  public static final String DEAD_LETTER_TOPIC = "rela.topic.dead.letter";
  public static final String TOPIC_PARTITIONS = "rela.topic.partitions";

  public static final String MIN_QUALITY = "rela.low.confidence.min.quality";
  public static final String NULL_RATE_THRESHOLD = "rela.low.confidence.null.rate";
  public static final String MIN_SCORE = "rela.low.confidence.min.score";

  /**
   * The null-rate threshold that flags the 10% of Multi30k val translations with the highest null
   * rate under the shipped model ({@code rela compare} calibrates it; README, "The default model").
   * No longer a default rule (the calibrated quality estimate is, issue 15); {@code rela replay}
   * still reports this flag's precision and recall beside the estimate's.
   */
  public static final double CALIBRATED_NULL_RATE_THRESHOLD = 0.2857;

  public static final String LOW_CONFIDENCE_ROUTING = "rela.low.confidence.routing";

  public static final String BATCH_SIZE = "rela.batch.size";
  public static final String BATCH_LINGER_MS = "rela.batch.linger.ms";

  public static final String BEAM_SIZE = "rela.decode.beam.size";
  public static final String LENGTH_PENALTY = "rela.decode.length.penalty";
  public static final String MAX_LENGTH_RATIO = "rela.decode.max.length.ratio";
  public static final String MAX_LENGTH_OFFSET = "rela.decode.max.length.offset";
  public static final String SHORTLIST = "rela.decode.shortlist";
  public static final String DECODE_THREADS = "rela.decode.threads";

  public static final String MODELS_DIR = "rela.models.dir";
  public static final String MODELS_RELOAD_INTERVAL_MS = "rela.models.reload.interval.ms";
  public static final String DEFAULT_LANGUAGE_PAIR = "rela.default.language.pair";
  public static final String MAX_SOURCE_CHARS = "rela.input.max.chars";
  public static final String INPUT_FORMAT = "rela.input.format";

  public static final String REQUEST_SERDE = "rela.serde.request";
  public static final String RESULT_SERDE = "rela.serde.result";
  public static final String DEAD_LETTER_SERDE = "rela.serde.dead.letter";

  public static final String EMBEDDED_DATA_DIR = "rela.embedded.data.dir";
  public static final String EMBEDDED_PORT = "rela.embedded.port";

  public static final String RETRY_BACKOFF_MS = "rela.retry.backoff.ms";
  public static final String RETRY_BACKOFF_MAX_MS = "rela.retry.backoff.max.ms";
  public static final String RETRY_MAX_MS = "rela.retry.max.ms";

  /** Where a low-confidence result goes: only to the low-confidence topic, or to both. */
  public static final String ROUTING_EXCLUSIVE = "exclusive";

  public static final String ROUTING_BOTH = "both";

  public static final ConfigDef DEFINITION = definition();

  public RelaStreamsConfig(Map<?, ?> settings) {
    super(DEFINITION, settings, false);
  }

  /** The three topics every input record ends in: results, low-confidence, dead-letter. */
  public List<String> outputTopics() {
    return List.of(
        getString(RESULTS_TOPIC), getString(LOW_CONFIDENCE_TOPIC), getString(DEAD_LETTER_TOPIC));
  }

  /** The requests topic followed by the output topics. */
  public List<String> allTopics() {
    List<String> topics = new ArrayList<>();
    topics.add(getString(REQUESTS_TOPIC));
    topics.addAll(outputTopics());
    return topics;
  }

  private static ConfigDef definition() {
    ConfigDef def = new ConfigDef();
    topics(def);
    triage(def);
    batching(def);
    decoding(def);
    models(def);
    retries(def);
    return def;
  }

  private static void topics(ConfigDef def) {
    def.define(
            REQUESTS_TOPIC,
            Type.STRING,
            "translation-requests",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Topic of translation requests (Avro TranslationRequest or UTF-8 text).")
        .define(
            RESULTS_TOPIC,
            Type.STRING,
            "translation-results",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Topic of confident translation results.")
        .define(
            LOW_CONFIDENCE_TOPIC,
            Type.STRING,
            "translation-low-confidence",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Topic of results flagged for review.")
        .define(
            DEAD_LETTER_TOPIC,
            Type.STRING,
            "translation-dead-letter",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Topic of requests that could not be translated, with the reason.")
        .define(
            TOPIC_PARTITIONS,
            Type.INT,
            4,
            Range.between(1, 10_000),
            Importance.LOW,
            "Partitions of the topics the application creates when they are missing.");
  }

  private static void triage(ConfigDef def) {
    def.define(
            MIN_QUALITY,
            Type.DOUBLE,
            null,
            unsetOr(Range.between(0.0, 100.0)),
            Importance.HIGH,
            "A result whose estimated quality (sentence chrF, 0-100, from the checkpoint's"
                + " quality.json) is below this is low-confidence; unset: the threshold calibrated"
                + " in quality.json (flags about 10% of val). A checkpoint without quality.json"
                + " gives no estimate and this rule does not apply.")
        .define(
            NULL_RATE_THRESHOLD,
            Type.DOUBLE,
            null,
            unsetOr(Range.between(0.0, 1.0)),
            Importance.MEDIUM,
            "A result whose cross-attention null rate is at or above this is low-confidence;"
                + " unset disables the rule (e.g. "
                + CALIBRATED_NULL_RATE_THRESHOLD
                + " flags 10% of val with the shipped model).")
        .define(
            MIN_SCORE,
            Type.DOUBLE,
            null,
            Importance.MEDIUM,
            "A result whose length-normalised log-probability is below this is low-confidence;"
                + " unset disables the rule.")
        .define(
            LOW_CONFIDENCE_ROUTING,
            Type.STRING,
            ROUTING_EXCLUSIVE,
            ValidString.in(ROUTING_EXCLUSIVE, ROUTING_BOTH),
            Importance.MEDIUM,
            "'exclusive': low-confidence results go only to the low-confidence topic;"
                + " 'both': to the results topic as well.");
  }

  /** {@code range}, or unset (a rule that is off). */
  private static ConfigDef.Validator unsetOr(Range range) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value != null) {
            range.ensureValid(name, value);
          }
        },
        () -> "unset or " + range);
  }

  private static void batching(ConfigDef def) {
    def.define(
            BATCH_SIZE,
            Type.INT,
            32,
            Range.between(1, 1024),
            Importance.HIGH,
            "Requests translated together; a full batch is translated at once.")
        .define(
            BATCH_LINGER_MS,
            Type.LONG,
            50L,
            Range.between(1, 60_000),
            Importance.HIGH,
            "Longest wait (wall clock) before a partial batch is translated.");
  }

  private static void decoding(ConfigDef def) {
    def.define(
            BEAM_SIZE,
            Type.INT,
            4,
            Range.between(1, 64),
            Importance.MEDIUM,
            "Beam size; 1 is greedy search.")
        .define(
            LENGTH_PENALTY,
            Type.DOUBLE,
            0.6,
            Range.between(0.0, 10.0),
            Importance.LOW,
            "GNMT length penalty alpha.")
        .define(
            MAX_LENGTH_RATIO,
            Type.DOUBLE,
            1.5,
            Range.between(0.1, 100.0),
            Importance.LOW,
            "Maximum target length as a multiple of the source length ...")
        .define(
            MAX_LENGTH_OFFSET,
            Type.INT,
            10,
            Range.between(0, 10_000),
            Importance.LOW,
            "... plus this constant.")
        .define(
            SHORTLIST,
            Type.BOOLEAN,
            true,
            Importance.LOW,
            "Score only the model's vocabulary shortlist of each batch (shortlist.txt in the"
                + " checkpoint, when it has one); false scores the whole vocabulary.")
        .define(
            DECODE_THREADS,
            Type.INT,
            0,
            Range.between(0, 1024),
            Importance.LOW,
            "Intra-op threads of the PyTorch engine, for the whole process; 0: 1 when several stream"
                + " threads decode side by side (num.stream.threads, by default one per core), else"
                + " one fewer than the cores (at least 1), so that the Kafka clients and an embedded"
                + " broker keep a core.");
  }

  private static void models(ConfigDef def) {
    def.define(
            MODELS_DIR,
            Type.STRING,
            "",
            Importance.HIGH,
            "Directory of model checkpoints, one sub-directory each; empty uses the shipped"
                + " default model.")
        .define(
            MODELS_RELOAD_INTERVAL_MS,
            Type.LONG,
            5000L,
            Range.atLeast(0),
            Importance.MEDIUM,
            "How often the models directory's RELOAD file is checked; touching it swaps in the"
                + " checkpoints that changed, without a restart. 0 turns hot swaps off.")
        .define(
            DEFAULT_LANGUAGE_PAIR,
            Type.STRING,
            "de-en",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Language pair (source-target) for requests that name none.")
        .define(
            MAX_SOURCE_CHARS,
            Type.INT,
            2000,
            Range.between(1, 1_000_000),
            Importance.MEDIUM,
            "Longer requests go to the dead-letter topic.")
        .define(
            INPUT_FORMAT,
            Type.STRING,
            "auto",
            ValidString.in("auto", "avro", "text"),
            Importance.MEDIUM,
            "'auto' accepts Avro (Confluent wire format) and plain UTF-8 text.")
        .define(
            REQUEST_SERDE,
            Type.CLASS,
            null,
            Importance.LOW,
            "Serde class of request values; unset uses the built-in Confluent-wire-format serde.")
        .define(
            RESULT_SERDE,
            Type.CLASS,
            null,
            Importance.LOW,
            "Serde class of result values, e.g. Confluent's SpecificAvroSerde.")
        .define(
            DEAD_LETTER_SERDE,
            Type.CLASS,
            null,
            Importance.LOW,
            "Serde class of dead-letter values.")
        .define(
            EMBEDDED_DATA_DIR,
            Type.STRING,
            "var/kafka",
            Importance.LOW,
            "Where the embedded broker keeps its data (used only without bootstrap.servers);"
                + " its schema registry (registry/), Kafka Streams state (streams/, unless"
                + " state.dir is set) and endpoints.properties go beside it.")
        .define(
            EMBEDDED_PORT,
            Type.INT,
            9092,
            Range.between(0, 65535),
            Importance.LOW,
            "The embedded broker's port on 127.0.0.1 (a free one when it is taken); 0: any free"
                + " port.");
  }

  /**
   * Transient faults (registry or broker unavailable, engine out of memory) pause the stream thread
   * instead of dead-lettering; the limit stays below {@code max.poll.interval.ms} (300 s) so that
   * the waiting thread keeps its partitions.
   */
  private static void retries(ConfigDef def) {
    def.define(
            RETRY_BACKOFF_MS,
            Type.LONG,
            200L,
            Range.between(1, 60_000),
            Importance.LOW,
            "First wait after a transient fault (registry or broker unavailable, out of memory);"
                + " doubled after each failed retry.")
        .define(
            RETRY_BACKOFF_MAX_MS,
            Type.LONG,
            5_000L,
            Range.between(1, 60_000),
            Importance.LOW,
            "Longest wait between two retries.")
        .define(
            RETRY_MAX_MS,
            Type.LONG,
            240_000L,
            Range.between(0, 3_600_000),
            Importance.MEDIUM,
            "How long a transient fault may last before the application stops with an error; such"
                + " faults never dead-letter.");
  }
}
