package io.github.rela.model.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * Word alignment from subword cross-attention: pieces are merged into words at SentencePiece's
 * word-start marker "▁", the attention of a target word to a source word is the sum over their
 * pieces, and each target word links to the source word it attends most. A target word whose
 * attention is all zero (null attention) gets no link.
 */
final class WordAlignment {
  /** SentencePiece's word-start marker, U+2581. */
  static final String WORD_START = "\u2581";

  private WordAlignment() {}

  /**
   * Aligns target words to source words.
   *
   * @param sourcePieces the source pieces that are words (EOS excluded)
   * @param targetPieces the target pieces (EOS excluded)
   * @param attention [T][S] averaged attention, with S at least the number of source pieces
   */
  static List<AlignmentLink> align(
      List<String> sourcePieces, List<String> targetPieces, float[][] attention) {
    int[] sourceWord = wordIndices(sourcePieces);
    int[] targetWord = wordIndices(targetPieces);
    int sourceWords = sourceWord.length == 0 ? 0 : sourceWord[sourceWord.length - 1] + 1;
    int targetWords = targetWord.length == 0 ? 0 : targetWord[targetWord.length - 1] + 1;
    float[][] words = new float[targetWords][sourceWords];
    for (int t = 0; t < targetWord.length; t++) {
      for (int s = 0; s < sourceWord.length; s++) {
        words[targetWord[t]][sourceWord[s]] += attention[t][s];
      }
    }
    List<AlignmentLink> links = new ArrayList<>();
    for (int j = 0; j < targetWords; j++) {
      int best = -1;
      for (int i = 0; i < sourceWords; i++) {
        if (words[j][i] > 0f && (best < 0 || words[j][i] > words[j][best])) {
          best = i;
        }
      }
      if (best >= 0) {
        links.add(new AlignmentLink(best, j));
      }
    }
    return List.copyOf(links);
  }

  /** The word index of every piece: a new word starts at "▁" (and at the first piece). */
  static int[] wordIndices(List<String> pieces) {
    int[] words = new int[pieces.size()];
    int word = -1;
    for (int i = 0; i < pieces.size(); i++) {
      if (word < 0 || pieces.get(i).startsWith(WORD_START)) {
        word++;
      }
      words[i] = word;
    }
    return words;
  }
}
