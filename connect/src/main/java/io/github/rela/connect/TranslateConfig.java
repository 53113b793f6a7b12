package io.github.rela.connect;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of the {@link Translate} transform, in Connect's conventions: one {@link ConfigDef}
 * with documentation, defaults and validators, so that the worker's REST API validates a
 * connector's {@code transforms.*} settings before it starts a task.
 */
public final class TranslateConfig extends AbstractConfig {

  public static final String MODEL_DIR = "model.dir";
  public static final String LANGUAGE_PAIR = "language.pair";
  public static final String BEAM_SIZE = "beam.size";
  public static final String LENGTH_PENALTY = "length.penalty";
  public static final String INPUT_MAX_CHARS = "input.max.chars";
  public static final String SOURCE_FIELD = "source.field";
  public static final String OUTPUT_LOCATION = "output.location";
  public static final String TRANSLATION_FIELD = "translation.field";
  public static final String SCORE_FIELD = "score.field";
  public static final String NULL_RATE_FIELD = "null.rate.field";
  public static final String LOW_CONFIDENCE_FIELD = "low.confidence.field";
  public static final String QUALITY_FIELD = "quality.field";
  public static final String LOW_CONFIDENCE_MIN_QUALITY = "low.confidence.min.quality";
  public static final String LOW_CONFIDENCE_NULL_RATE = "low.confidence.null.rate";
  public static final String LOW_CONFIDENCE_MIN_SCORE = "low.confidence.min.score";

  private static final String MODEL_GROUP = "Model";
  private static final String INPUT_GROUP = "Input";
  private static final String OUTPUT_GROUP = "Output";
  private static final String TRIAGE_GROUP = "Low confidence";
  private static final Pattern PAIR = Pattern.compile("[a-z]{2,3}-[a-z]{2,3}");

  /** Where the translation and its evidence go. */
  public enum OutputLocation {
    /** Into the record's value: new fields of a Struct or Map, or the whole string value. */
    VALUE,
    /** Into headers named like the fields; the value is left as it is. */
    HEADERS
  }

  public static final ConfigDef CONFIG_DEF = configDef();

  public TranslateConfig(Map<?, ?> originals) {
    super(CONFIG_DEF, originals);
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    defineModel(def);
    defineInput(def);
    defineOutput(def);
    defineTriage(def);
    return def;
  }

  private static void defineModel(ConfigDef def) {
    int order = 0;
    def.define(
            MODEL_DIR,
            Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Checkpoint directory on the worker (config.json, model.safetensors, tokenizer), e.g."
                + " the shipped models/de-en. Loaded once per worker and shared by every task"
                + " that names the same directory.",
            MODEL_GROUP,
            ++order,
            Width.LONG,
            "Model directory")
        .define(
            LANGUAGE_PAIR,
            Type.STRING,
            "",
            ConfigDef.LambdaValidator.with(
                (name, value) -> {
                  String pair = (String) value;
                  if (!pair.isEmpty() && !PAIR.matcher(pair).matches()) {
                    throw new ConfigException(name, value, "a language pair is written 'de-en'");
                  }
                },
                () -> "empty or source-target, e.g. de-en"),
            Importance.MEDIUM,
            "The pair the model must serve, e.g. de-en; the task fails to start when the"
                + " checkpoint's pair differs. Empty accepts the checkpoint's own pair.",
            MODEL_GROUP,
            ++order,
            Width.SHORT,
            "Language pair")
        .define(
            BEAM_SIZE,
            Type.INT,
            4,
            Range.between(1, 32),
            Importance.MEDIUM,
            "Beam size; 1 is greedy search (about twice as fast, see the README's figures).",
            MODEL_GROUP,
            ++order,
            Width.SHORT,
            "Beam size")
        .define(
            LENGTH_PENALTY,
            Type.DOUBLE,
            0.6,
            Range.atLeast(0),
            Importance.LOW,
            "GNMT length penalty alpha used to rank finished hypotheses.",
            MODEL_GROUP,
            ++order,
            Width.SHORT,
            "Length penalty");
  }

  private static void defineInput(ConfigDef def) {
    int order = 0;
    def.define(
            SOURCE_FIELD,
            Type.STRING,
            "",
            Importance.HIGH,
            "Field of a Struct or Map value that holds the text to translate. Empty: the whole"
                + " value, which must then be a string.",
            INPUT_GROUP,
            ++order,
            Width.MEDIUM,
            "Source field")
        .define(
            INPUT_MAX_CHARS,
            Type.INT,
            2000,
            Range.atLeast(1),
            Importance.MEDIUM,
            "Longer texts are rejected (TEXT_TOO_LONG) without being translated.",
            INPUT_GROUP,
            ++order,
            Width.SHORT,
            "Maximum characters");
  }

  private static void defineOutput(ConfigDef def) {
    int order = 0;
    def.define(
        OUTPUT_LOCATION,
        Type.STRING,
        "value",
        ConfigDef.CaseInsensitiveValidString.in("value", "headers"),
        Importance.HIGH,
        "'value': the fields below are added to the Struct or Map value (a whole string value is"
            + " replaced by its translation and the other fields go to headers). 'headers':"
            + " headers named like the fields, the value unchanged.",
        OUTPUT_GROUP,
        ++order,
        Width.SHORT,
        "Output location");
    defineField(def, TRANSLATION_FIELD, "translation", "the translation", ++order);
    defineField(
        def,
        SCORE_FIELD,
        "translation_score",
        "the length-normalised log-probability (higher is better)",
        ++order);
    defineField(
        def,
        NULL_RATE_FIELD,
        "translation_null_rate",
        "the share of all-zero cross-attention rows",
        ++order);
    defineField(
        def,
        LOW_CONFIDENCE_FIELD,
        "translation_low_confidence",
        "the low-confidence flag (see " + LOW_CONFIDENCE_NULL_RATE + ")",
        ++order);
    defineField(
        def,
        QUALITY_FIELD,
        "translation_quality",
        "the model's quality estimate; null (omitted from Maps and headers) while the model"
            + " provides none",
        ++order);
  }

  private static void defineField(
      ConfigDef def, String name, String defaultName, String what, int order) {
    boolean required = name.equals(TRANSLATION_FIELD);
    def.define(
        name,
        Type.STRING,
        defaultName,
        required ? new ConfigDef.NonEmptyString() : null,
        Importance.MEDIUM,
        "Field (or header) name for " + what + (required ? "." : "; empty leaves it out."),
        OUTPUT_GROUP,
        order,
        Width.MEDIUM,
        name);
  }

  private static void defineTriage(ConfigDef def) {
    def.define(
            LOW_CONFIDENCE_MIN_QUALITY,
            Type.DOUBLE,
            null,
            unsetOr(Range.between(0, 100)),
            Importance.MEDIUM,
            "A translation whose estimated quality (sentence chrF, from the checkpoint's"
                + " quality.json) is below this is flagged low-confidence; unset: the threshold"
                + " calibrated in quality.json (the streams app's rela.low.confidence.min.quality)."
                + " Without quality.json there is no estimate and this rule does not apply.",
            TRIAGE_GROUP,
            1,
            Width.SHORT,
            "Minimum quality")
        .define(
            LOW_CONFIDENCE_NULL_RATE,
            Type.DOUBLE,
            null,
            unsetOr(Range.between(0, 1)),
            Importance.LOW,
            "A translation whose null rate is at or above this is flagged low-confidence (the"
                + " streams app's rela.low.confidence.null.rate); unset disables the rule.",
            TRIAGE_GROUP,
            2,
            Width.SHORT,
            "Null-rate threshold")
        .define(
            LOW_CONFIDENCE_MIN_SCORE,
            Type.DOUBLE,
            null,
            Importance.MEDIUM,
            "A translation whose score is below this is flagged low-confidence; unset disables"
                + " the rule.",
            TRIAGE_GROUP,
            3,
            Width.SHORT,
            "Minimum score");
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

  public Path modelDir() {
    return Path.of(getString(MODEL_DIR));
  }

  /** The required pair, or empty for the checkpoint's own. */
  public String languagePair() {
    return getString(LANGUAGE_PAIR);
  }

  public int beamSize() {
    return getInt(BEAM_SIZE);
  }

  public float lengthPenalty() {
    return getDouble(LENGTH_PENALTY).floatValue();
  }

  public int inputMaxChars() {
    return getInt(INPUT_MAX_CHARS);
  }

  /** The source field, or empty for the whole value. */
  public String sourceField() {
    return getString(SOURCE_FIELD);
  }

  public OutputLocation outputLocation() {
    return OutputLocation.valueOf(getString(OUTPUT_LOCATION).toUpperCase(Locale.ROOT));
  }

  public OutputNames outputNames() {
    return new OutputNames(
        getString(TRANSLATION_FIELD),
        getString(SCORE_FIELD),
        getString(NULL_RATE_FIELD),
        getString(LOW_CONFIDENCE_FIELD),
        getString(QUALITY_FIELD));
  }

  public LowConfidenceRule lowConfidenceRule() {
    return new LowConfidenceRule(
        getDouble(LOW_CONFIDENCE_MIN_QUALITY),
        getDouble(LOW_CONFIDENCE_NULL_RATE),
        getDouble(LOW_CONFIDENCE_MIN_SCORE));
  }
}
