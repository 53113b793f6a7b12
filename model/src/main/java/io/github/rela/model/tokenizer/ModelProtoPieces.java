package io.github.rela.model.tokenizer;

/**
 * Counts the pieces of a serialized SentencePiece {@code ModelProto}, which DJL's binding does not
 * expose ({@code SpVocabulary.size()} is unsupported).
 *
 * <p>The model file is a protocol buffer whose top-level field 1 ({@code repeated SentencePiece
 * pieces}) holds one length-delimited entry per vocabulary item, in id order; counting those
 * entries gives the vocabulary size. Other fields are skipped by wire type.
 */
final class ModelProtoPieces {
  private static final int PIECES_FIELD = 1;

  private ModelProtoPieces() {}

  /**
   * Returns the number of pieces.
   *
   * @throws IllegalArgumentException when {@code model} is not a well-formed protocol buffer
   */
  static int count(byte[] model) {
    int[] position = {0};
    int pieces = 0;
    while (position[0] < model.length) {
      long key = readVarint(model, position);
      int field = (int) (key >>> 3);
      int wireType = (int) (key & 7);
      switch (wireType) {
        case 0 -> readVarint(model, position);
        case 1 -> position[0] += 8;
        case 2 -> {
          long length = readVarint(model, position);
          position[0] += (int) length;
          if (field == PIECES_FIELD) {
            pieces++;
          }
        }
        case 5 -> position[0] += 4;
        default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType);
      }
      if (position[0] > model.length) {
        throw new IllegalArgumentException("truncated SentencePiece model");
      }
    }
    return pieces;
  }

  private static long readVarint(byte[] bytes, int[] position) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position[0] >= bytes.length) {
        throw new IllegalArgumentException("truncated SentencePiece model");
      }
      byte b = bytes[position[0]++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("malformed varint in SentencePiece model");
  }
}
