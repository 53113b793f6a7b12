package io.github.rela.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder that refuses a string or bytes length, or an array or map count, larger than the
 * bytes left in the payload, before anything is allocated for it.
 *
 * <p>Avro trusts those numbers: a ten-byte payload claiming a 2 GiB string makes it allocate 2 GiB.
 * Here that is an {@link EOFException} (reported as {@code TRUNCATED_AVRO}). Counting one byte per
 * item is exact for every array and map in our schemas; only items that encode to zero bytes (null,
 * an empty record) could be refused wrongly, and none of our schemas has them.
 */
final class BoundedDecoder extends Decoder {

  private final BinaryDecoder in;

  BoundedDecoder(BinaryDecoder in) {
    this.in = in;
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = checkedLength(in.readLong(), "string");
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    in.readFixed(result.getBytes(), 0, length);
    return result;
  }

  @Override
  public String readString() throws IOException {
    return readString(null).toString();
  }

  @Override
  public void skipString() throws IOException {
    in.skipFixed(checkedLength(in.readLong(), "string"));
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    byte[] bytes = new byte[checkedLength(in.readLong(), "bytes")];
    in.readFixed(bytes, 0, bytes.length);
    return ByteBuffer.wrap(bytes);
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipFixed(checkedLength(in.readLong(), "bytes"));
  }

  @Override
  public long readArrayStart() throws IOException {
    return checkedCount(in.readArrayStart(), "array");
  }

  @Override
  public long arrayNext() throws IOException {
    return checkedCount(in.arrayNext(), "array");
  }

  @Override
  public long readMapStart() throws IOException {
    return checkedCount(in.readMapStart(), "map");
  }

  @Override
  public long mapNext() throws IOException {
    return checkedCount(in.mapNext(), "map");
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    in.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public long skipArray() throws IOException {
    return in.skipArray();
  }

  @Override
  public long skipMap() throws IOException {
    return in.skipMap();
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }

  private int checkedLength(long length, String what) throws IOException {
    if (length < 0) {
      throw new AvroRuntimeException("Malformed data: " + what + " length " + length + " < 0");
    }
    return (int) checkedCount(length, what + " length");
  }

  private long checkedCount(long count, String what) throws IOException {
    long left = in.inputStream().available();
    if (count > left) {
      throw new EOFException(what + " " + count + " exceeds the " + left + " bytes left");
    }
    return count;
  }
}
