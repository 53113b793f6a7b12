package io.github.rela.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rela.evaluation.corpus.CorpusException;
import io.github.rela.evaluation.corpus.Utf8LineReader;
import io.github.rela.evaluation.scoring.Bleu;
import io.github.rela.evaluation.scoring.BleuScore;
import io.github.rela.evaluation.scoring.Chrf;
import io.github.rela.evaluation.scoring.ChrfScore;
import io.github.rela.evaluation.scoring.References;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rela score}: BLEU and chrF of a hypothesis file against one or more reference files, with
 * sacreBLEU's default settings and arithmetic, so that the figures can be compared with published
 * ones.
 */
@RequiredOptions({"--ref"})
@Command(
    modelTransformer = RequiredOptions.Transformer.class,
    name = "score",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Scores translations with BLEU and chrF exactly as sacreBLEU's defaults do (13a"
          + " tokenization, exp smoothing, cased; chrF2).",
      "Files are plain UTF-8 or gzip, one segment per line."
    })
public final class ScoreCommand implements Callable<Integer> {

  @Mixin ReferenceOption ref;

  @Mixin JsonOption jsonOption;

  /** Exit status for unreadable or misaligned input. */
  static final int EXIT_BAD_INPUT = 1;

  private static final Path STDIN = Path.of("<stdin>");

  /** sacreBLEU warns once this many hypotheses end in " .", a sign of tokenized output. */
  static final int TOKENIZED_PERIOD_LINES = 100;

  private List<Path> references;

  @Option(
      names = {"-i", "--hyp"},
      paramLabel = "FILE",
      description = "Hypothesis file (default: standard input).")
  private Path hypothesis;

  private boolean json;

  @Spec private CommandSpec spec;

  private final InputStream stdin;

  /** The command as picocli creates it: the hypothesis defaults to {@link System#in}. */
  public ScoreCommand() {
    this(System.in);
  }

  /** A command that reads a missing {@code --hyp} from {@code stdin} (for tests). */
  ScoreCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    references = ref.all();
    json = jsonOption.enabled();
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<String> hyps = readHypotheses();
      warnIfTokenized(hyps);
      List<List<String>> refs = new ArrayList<>();
      for (Path reference : references) {
        refs.add(checkedLength(readLines(Utf8LineReader.open(reference)), hyps, reference));
      }
      Bleu bleu = Bleu.withDefaults();
      Chrf chrf = Chrf.withDefaults();
      BleuScore bleuScore = bleu.corpusScore(hyps, refs);
      ChrfScore chrfScore = chrf.corpusScore(hyps, refs);
      int numRefs = References.count(refs);
      if (json) {
        out.println(toJson(bleu, bleuScore, chrf, chrfScore, numRefs, hyps.size()));
      } else {
        out.println(bleuScore.format(2));
        out.println(chrfScore.format(2));
      }
      out.flush();
      return 0;
    } catch (CorpusException | IllegalArgumentException | UncheckedIOException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("rela score: " + e.getMessage());
      err.flush();
      return EXIT_BAD_INPUT;
    }
  }

  private List<String> readHypotheses() {
    return readLines(
        hypothesis == null ? Utf8LineReader.of(stdin, STDIN) : Utf8LineReader.open(hypothesis));
  }

  /**
   * BLEU with the 13a tokenizer expects detokenized text; scoring tokenized output inflates or
   * deflates it. Warn as sacreBLEU does.
   */
  private void warnIfTokenized(List<String> hyps) {
    long tokenized = hyps.stream().filter(h -> h.endsWith(" .")).count();
    if (tokenized >= TOKENIZED_PERIOD_LINES) {
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          "rela score: warning: %d lines end in a tokenized period (' .'); the hypotheses look"
              + " tokenized, which makes BLEU incomparable. Detokenize them first.%n",
          tokenized);
      err.flush();
    }
  }

  private List<String> checkedLength(List<String> refLines, List<String> hyps, Path reference) {
    if (refLines.size() != hyps.size()) {
      Path hypName = hypothesis == null ? STDIN : hypothesis;
      throw new IllegalArgumentException(
          "System and reference streams have different lengths: %s has %d lines but %s has %d"
              .formatted(hypName, hyps.size(), reference, refLines.size()));
    }
    return refLines;
  }

  private static List<String> readLines(Utf8LineReader reader) {
    try (reader) {
      List<String> lines = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
      return lines;
    }
  }

  private static String toJson(
      Bleu bleu, BleuScore bleuScore, Chrf chrf, ChrfScore chrfScore, int numRefs, int segments) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("segments", segments);
    root.set(
        "metrics",
        mapper
            .createArrayNode()
            .add(bleuJson(mapper, bleu, bleuScore, numRefs))
            .add(chrfJson(mapper, chrf, chrfScore, numRefs)));
    return root.toPrettyString();
  }

  private static ObjectNode bleuJson(ObjectMapper mapper, Bleu bleu, BleuScore score, int numRefs) {
    ObjectNode node = mapper.createObjectNode();
    node.put("name", "BLEU");
    node.put("score", score.score());
    node.put("signature", bleu.signature(numRefs));
    node.put("verbose_score", score.verbose());
    addSignatureFields(node, bleu.signature(numRefs));
    node.set("counts", mapper.valueToTree(score.statistics().correct()));
    node.set("totals", mapper.valueToTree(score.statistics().total()));
    node.set("precisions", mapper.valueToTree(score.precisions()));
    node.put("bp", score.brevityPenalty());
    node.put("ratio", score.ratio());
    node.put("hyp_len", score.statistics().hypLength());
    node.put("ref_len", score.statistics().refLength());
    return node;
  }

  private static ObjectNode chrfJson(ObjectMapper mapper, Chrf chrf, ChrfScore score, int numRefs) {
    ObjectNode node = mapper.createObjectNode();
    node.put("name", score.name());
    node.put("score", score.score());
    node.put("signature", chrf.signature(numRefs));
    addSignatureFields(node, chrf.signature(numRefs));
    return node;
  }

  /** Copies each {@code key:value} of a signature into its own field, as sacreBLEU's JSON does. */
  private static void addSignatureFields(ObjectNode node, String signature) {
    for (String field : signature.split("\\|")) {
      int colon = field.indexOf(':');
      node.put(field.substring(0, colon), field.substring(colon + 1));
    }
  }
}
