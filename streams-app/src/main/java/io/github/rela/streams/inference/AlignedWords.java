package io.github.rela.streams.inference;

import io.github.rela.schemas.avro.AlignmentEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * A subword alignment read as whole words: SentencePiece pieces are joined into the words they
 * spell (a piece that starts with {@code ▁} starts a word; a special piece such as {@code </s>} is
 * a word of its own), the weights of all piece pairs between two words are added up, and each
 * target word is paired with the source word it attends to most. What {@code rela demo} shows; the
 * model computes its own word alignment from dense attention (model's {@code WordAlignment}), this
 * reads a result's sparse one back.
 */
public final class AlignedWords {

  /** SentencePiece's mark of a piece that starts a word. */
  private static final String WORD_START = "\u2581";

  /**
   * One target word and its strongest source word.
   *
   * @param target the target word
   * @param source the source word with the largest summed weight, or null when none has any
   */
  public record Pair(String target, String source) {}

  private AlignedWords() {}

  /** The target words in order, each with its source word. */
  public static List<Pair> of(
      List<String> sourcePieces, List<String> targetPieces, List<AlignmentEntry> alignment) {
    Words source = Words.of(sourcePieces);
    Words target = Words.of(targetPieces);
    double[][] weights = new double[target.texts().size()][source.texts().size()]; // [tgt, src]
    for (AlignmentEntry e : alignment) {
      weights[target.wordOf(e.getTargetIndex())][source.wordOf(e.getSourceIndex())] +=
          e.getWeight();
    }
    List<Pair> pairs = new ArrayList<>();
    for (int t = 0; t < weights.length; t++) {
      int best = strongest(weights[t]);
      pairs.add(new Pair(target.texts().get(t), best < 0 ? null : source.texts().get(best)));
    }
    return pairs;
  }

  /** The index of the largest positive weight, or -1 when all are zero. */
  private static int strongest(double[] row) {
    int best = -1;
    for (int s = 0; s < row.length; s++) {
      if (row[s] > 0 && (best < 0 || row[s] > row[best])) {
        best = s;
      }
    }
    return best;
  }

  /** Pieces grouped into words: each word's text, and each piece's word. */
  private record Words(List<String> texts, int[] wordOfPiece) {

    static Words of(List<String> pieces) {
      List<String> texts = new ArrayList<>();
      int[] wordOfPiece = new int[pieces.size()];
      StringBuilder word = new StringBuilder();
      for (int i = 0; i < pieces.size(); i++) {
        String piece = pieces.get(i);
        if (i > 0 && startsWord(piece, pieces.get(i - 1))) {
          texts.add(word.toString());
          word.setLength(0);
        }
        word.append(piece.replace(WORD_START, ""));
        wordOfPiece[i] = texts.size();
      }
      if (!pieces.isEmpty()) {
        texts.add(word.toString());
      }
      return new Words(texts, wordOfPiece);
    }

    /** After a word-start mark, and around a special piece such as {@code </s>}. */
    private static boolean startsWord(String piece, String previous) {
      return piece.startsWith(WORD_START) || isSpecial(piece) || isSpecial(previous);
    }

    private static boolean isSpecial(String piece) {
      return piece.length() > 2 && piece.startsWith("<") && piece.endsWith(">");
    }

    int wordOf(int piece) {
      return wordOfPiece[piece];
    }
  }
}
