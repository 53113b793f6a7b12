package io.github.rela.cli;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.engine.EngineThreads;
import io.github.rela.model.translate.Translator;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.streams.local.BrokerCheck;
import io.github.rela.streams.replay.Replay;
import io.github.rela.streams.replay.ReplayRange;
import io.github.rela.streams.replay.ReplayReader;
import io.github.rela.streams.replay.ReplayReportWriter;
import io.github.rela.streams.replay.ReportComparison;
import io.github.rela.streams.replay.ResultsReader;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rela replay}: translates the requests of a topic range that carry references and reports
 * their quality, without a consumer group (no production offsets move).
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Replays a topic of requests with references (see load-eval) through a model and writes a"
          + " report: BLEU, chrF, null-rate distribution, Spearman(null rate, sentence chrF),"
          + " precision/recall of the low-confidence flag for the worst 10%% by chrF, speed;"
          + " as report.json, report.md and PNG pictures.",
      "Reads by assignment, without a consumer group, and commits nothing."
    })
public final class ReplayCommand implements Callable<Integer> {

  @Mixin TopicOption topicOption;

  @Mixin BeamOption beam;

  @Mixin ShortlistOption shortlist;

  @Mixin BatchOption batch;

  @Mixin ThreadsOption threads;

  @Mixin ModelOption model;

  @Mixin ClusterOptions cluster;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private String topic;

  @Option(
      names = "--compare",
      arity = "2",
      paramLabel = "REPORT",
      description =
          "Compare two report.json files instead of replaying: figures and the sentences"
              + " that changed most.")
  List<Path> compare;

  @Option(names = "--top", defaultValue = "10", description = "Sentences shown by --compare.")
  int top;

  static final class Range {
    @Option(names = "--from-beginning", description = "Every record (the default).")
    boolean fromBeginning;

    @Option(
        names = "--from-timestamp",
        paramLabel = "TS",
        description = "Records from this time on: ISO-8601 (2026-11-23T10:00:00Z) or epoch ms.")
    String fromTimestamp;

    @Option(
        names = "--offsets",
        paramLabel = "P:FROM-TO,...",
        description = "Offset ranges per partition, both ends included, e.g. 0:100-199,1:0-49.")
    String offsets;
  }

  @ArgGroup(exclusive = true)
  Range range = new Range();

  @Option(
      names = "--results-topic",
      split = ",",
      paramLabel = "TOPIC",
      description =
          "Score the results already in these topics (joined by request id, e.g."
              + " translation-results,translation-low-confidence) instead of translating.")
  List<String> resultsTopics;

  @Option(names = "--out", defaultValue = "replay-report", description = "Report directory.")
  Path out;

  @Option(
      names = "--threshold",
      description =
          "Null rate at or above which the null-rate flag (reported beside the estimate's) fires;"
              + " default: the threshold that flags 10% of val with the shipped model.")
  double threshold = RelaStreamsConfig.CALIBRATED_NULL_RATE_THRESHOLD;

  @Override
  public Integer call() throws Exception {
    topic = topicOption.name();
    if (compare != null) {
      spec.commandLine()
          .getOut()
          .print(ReportComparison.compare(compare.get(0), compare.get(1), top));
      return 0;
    }
    if (topic == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: '--topic' (or use --compare)");
    }
    EngineThreads.configure(threads.value());
    Map<String, Object> config = cluster.resolvedClientSettings();
    config.putIfAbsent("default.api.timeout.ms", (int) BrokerCheck.TIMEOUT.toMillis());
    BrokerCheck.requireBroker(config);
    ReplayRange replayRange = replayRange();
    List<ReplayReader.Replayed> records = new ReplayReader(config).read(topic, replayRange);
    Replay.ReplayResult result;
    if (resultsTopics != null) {
      Map<String, TranslationResult> results = new ResultsReader(config).read(resultsTopics);
      result =
          Replay.fromResults(
              records,
              results,
              topic,
              describe(replayRange),
              "results of " + String.join(",", resultsTopics),
              threshold);
    } else {
      result = translate(records, replayRange);
    }
    ReplayReportWriter.write(result, out);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "%d requests replayed (%d skipped: no reference or no result): %s, chrF2 = %.2f;"
                + " report in %s%n",
            result.report().sentences(),
            result.report().skipped(),
            result.report().bleuDetail(),
            result.report().chrf(),
            out);
    return 0;
  }

  private Replay.ReplayResult translate(List<ReplayReader.Replayed> records, ReplayRange r)
      throws java.io.IOException {
    Path checkpoint = model.checkpoint();
    try (NDManager manager = NDManager.newBaseManager();
        Translator translator = Translators.open(checkpoint, manager, beam, shortlist, batch)) {
      return Replay.run(records, translator, topic, describe(r), checkpoint.toString(), threshold);
    }
  }

  private ReplayRange replayRange() {
    if (range.offsets != null) {
      return ReplayRange.parseOffsets(range.offsets);
    }
    if (range.fromTimestamp != null) {
      String ts = range.fromTimestamp.strip();
      return new ReplayRange.FromTimestamp(
          ts.chars().allMatch(Character::isDigit)
              ? Instant.ofEpochMilli(Long.parseLong(ts))
              : Instant.parse(ts));
    }
    return new ReplayRange.FromBeginning();
  }

  private String describe(ReplayRange r) {
    if (r instanceof ReplayRange.FromTimestamp t) {
      return "from " + t.from();
    }
    if (r instanceof ReplayRange.Offsets) {
      return "offsets " + range.offsets;
    }
    return "from the beginning";
  }
}
