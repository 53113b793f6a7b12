package io.github.rela.connect;

import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.translate.Translation;
import io.github.rela.model.translate.Translator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A Single Message Transform that translates the text of a record's value with a ReLA model: a
 * string field of a Struct or Map value, or the whole string value. It writes the translation, its
 * score, null rate, low-confidence flag and (when the checkpoint is calibrated) quality estimate
 * into new fields of the value or into headers; see {@link TranslateConfig} for the settings.
 *
 * <p>One record at a time, on the task's thread: a sentence costs a full decoding (tens of
 * milliseconds on a CPU, see connect/README.md). Heavy streams belong in the streams app, which
 * translates in batches. Records it cannot translate throw a {@link
 * org.apache.kafka.connect.errors.DataException} with a {@link Rejection} reason, so that the
 * connector's {@code errors.tolerance} and dead-letter queue apply; tombstones (null values) pass
 * through untouched.
 *
 * <p>The weights are loaded once per worker and directory ({@link SharedModels}); each instance has
 * its own translator over them.
 *
 * @param <R> the record type: source or sink records
 */
public class Translate<R extends ConnectRecord<R>> implements Transformation<R> {

  public static final String OVERVIEW_DOC =
      "Translates a string field of the record value (or the whole string value) with a ReLA"
          + " model and writes the translation, its score, null rate and low-confidence flag into"
          + " new fields or headers.";

  private static final String VERSION = readVersion();

  private TranslateConfig.OutputLocation location;
  private SourceText source;
  private LowConfidenceRule rule;
  private ValueOutput valueOutput;
  private HeaderOutput headerOutput;
  private ModelLease lease;
  private Translator translator;

  @Override
  public void configure(Map<String, ?> settings) {
    TranslateConfig config = new TranslateConfig(settings);
    OutputNames names = config.outputNames();
    location = config.outputLocation();
    source = new SourceText(config.sourceField(), config.inputMaxChars());
    rule = config.lowConfidenceRule();
    valueOutput = new ValueOutput(names);
    headerOutput = new HeaderOutput(names);
    DecodingOptions decoding =
        DecodingOptions.defaults()
            .withBeamSize(config.beamSize())
            .withLengthPenalty(config.lengthPenalty());
    // The worker calls plugins with its own context class loader, and DJL looks its engine and
    // native libraries up through the context loader: without this plugin's loader there, DJL
    // finds no engine and loading fails ("Not supported by PassthroughNDManager").
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(Translate.class.getClassLoader());
    try {
      lease = SharedModels.acquire(config.modelDir());
      requirePair(config.languagePair(), lease.checkpoint().config());
      translator = lease.openTranslator(decoding);
    } catch (IOException e) {
      close();
      throw new ConnectException("Cannot load the model in " + config.modelDir(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static void requirePair(String pair, CheckpointConfig checkpoint) {
    String served = checkpoint.sourceLanguage() + "-" + checkpoint.targetLanguage();
    if (!pair.isEmpty() && !pair.equals(served)) {
      throw new ConfigException(
          TranslateConfig.LANGUAGE_PAIR, pair, "the model in model.dir translates " + served);
    }
  }

  @Override
  public R apply(R record) {
    if (record.value() == null) {
      return record;
    }
    String text = source.of(record.valueSchema(), record.value());
    boolean intoValue = location == TranslateConfig.OutputLocation.VALUE;
    if (intoValue && !source.isWholeValue()) {
      valueOutput.requireRoom(record.value());
    }
    TranslatedText translated = text == null ? null : translate(text);
    if (!intoValue) {
      return translated == null ? record : withHeaders(record, translated, true);
    }
    if (source.isWholeValue()) {
      return withHeaders(record, translated, false);
    }
    if (record.value() instanceof Struct struct) {
      Struct updated = valueOutput.addTo(struct, translated);
      return withValue(record, updated.schema(), updated, record.headers());
    }
    return withValue(
        record, null, valueOutput.addTo((Map<?, ?>) record.value(), translated), record.headers());
  }

  private TranslatedText translate(String text) {
    Translation translation;
    try {
      translation = translator.translate(text);
    } catch (RuntimeException e) {
      throw Rejection.TRANSLATION_FAILED.exception("the model failed: " + e.getMessage(), e);
    }
    if (translation.truncated()) {
      throw Rejection.TEXT_TOO_LONG.exception(
          "the text has more than the model's "
              + translation.sourceTokens().size()
              + " tokens; its translation would miss the end");
    }
    return TranslatedText.of(translation, rule);
  }

  /**
   * The record with the outputs in headers; its value is the translation when {@code
   * withTranslation} is false (the whole string value is translated).
   */
  private R withHeaders(R record, TranslatedText translated, boolean withTranslation) {
    Headers headers = headerOutput.addTo(record.headers(), translated, withTranslation);
    return withTranslation
        ? withValue(record, record.valueSchema(), record.value(), headers)
        : withValue(record, record.valueSchema(), translated.translation(), headers);
  }

  private R withValue(R record, Schema valueSchema, Object value, Headers headers) {
    return record.newRecord(
        record.topic(),
        record.kafkaPartition(),
        record.keySchema(),
        record.key(),
        valueSchema,
        value,
        record.timestamp(),
        headers);
  }

  @Override
  public ConfigDef config() {
    return TranslateConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return VERSION;
  }

  /** Closes this instance's translator and releases the model (freed with its last user). */
  @Override
  public void close() {
    if (translator != null) {
      translator.close();
      translator = null;
    }
    if (lease != null) {
      lease.close();
      lease = null;
    }
  }

  private static String readVersion() {
    Properties properties = new Properties();
    try (InputStream in = Translate.class.getResourceAsStream("version.properties")) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }
}
