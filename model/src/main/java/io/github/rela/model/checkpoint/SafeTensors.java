package io.github.rela.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rela.model.checkpoint.CheckpointException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes named tensors in the safetensors layout (huggingface/safetensors), so that the
 * weights are self-describing and readable by other tools.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length N; N bytes of UTF-8 JSON, padded with
 * spaces to a multiple of 8, mapping each name to {@code {"dtype": "F32"|"F16", "shape": [...],
 * "data_offsets": [begin, end]}} (offsets relative to the data section) plus a {@code __metadata__}
 * object of strings; then the raw little-endian data, in header order.
 */
public final class SafeTensors {
  private static final String METADATA = "__metadata__";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SafeTensors() {}

  /** One tensor's entry in the header. */
  public record Entry(WeightsDtype dtype, Shape shape, long begin, long end) {}

  /**
   * Writes {@code tensors} (any float dtype) converted to {@code dtype}.
   *
   * @param metadata string pairs stored under {@code __metadata__}
   */
  public static void write(
      Path file, Map<String, NDArray> tensors, WeightsDtype dtype, Map<String, String> metadata)
      throws IOException {
    ObjectNode header = MAPPER.createObjectNode();
    header.set(METADATA, MAPPER.valueToTree(metadata));
    long offset = 0;
    for (Map.Entry<String, NDArray> tensor : tensors.entrySet()) {
      long bytes = tensor.getValue().size() * dtype.bytes();
      ObjectNode entry = header.putObject(tensor.getKey());
      entry.put("dtype", dtype.code());
      entry.set("shape", MAPPER.valueToTree(tensor.getValue().getShape().getShape()));
      entry.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] json = MAPPER.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    prefix.putLong(padded).put(json);
    while (prefix.hasRemaining()) {
      prefix.put((byte) ' ');
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(prefix.array());
      for (NDArray tensor : tensors.values()) {
        out.write(littleEndianBytes(tensor, dtype));
      }
    }
  }

  /** Reads the header: every tensor's dtype, shape and byte range, in file order. */
  public static Map<String, Entry> readHeader(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return parseHeader(channel, file).entries();
    }
  }

  /** Reads every tensor as fp32 into {@code manager}, checking offsets against the file size. */
  public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Header header = parseHeader(channel, file);
      for (Map.Entry<String, Entry> named : header.entries().entrySet()) {
        Entry entry = named.getValue();
        ByteBuffer data =
            ByteBuffer.allocateDirect((int) (entry.end() - entry.begin()))
                .order(ByteOrder.LITTLE_ENDIAN);
        channel.read(data, header.dataStart() + entry.begin());
        data.flip();
        tensors.put(named.getKey(), toFloat32(manager, data, entry));
      }
    }
    return tensors;
  }

  private record Header(Map<String, Entry> entries, long dataStart) {}

  private static Header parseHeader(FileChannel channel, Path file) throws IOException {
    long size = channel.size();
    ByteBuffer lengthBuffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    if (size < 8 || channel.read(lengthBuffer, 0) != 8) {
      throw invalid(file, "file shorter than its 8-byte header length");
    }
    long headerLength = lengthBuffer.getLong(0);
    if (headerLength <= 0 || 8 + headerLength > size) {
      throw invalid(file, "header length " + headerLength + " does not fit the file");
    }
    ByteBuffer json = ByteBuffer.allocate((int) headerLength);
    channel.read(json, 8);
    JsonNode root;
    try {
      root = MAPPER.readTree(new String(json.array(), StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      throw new CheckpointException(
          Reason.INVALID_WEIGHTS, "weights header of " + file + " is not valid JSON", e);
    }
    long dataStart = 8 + headerLength;
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getKey().equals(METADATA)) {
        entries.put(field.getKey(), parseEntry(file, field.getKey(), field.getValue()));
      }
    }
    for (Map.Entry<String, Entry> entry : entries.entrySet()) {
      if (dataStart + entry.getValue().end() > size) {
        throw invalid(file, "tensor " + entry.getKey() + " ends beyond the end of the file");
      }
    }
    return new Header(entries, dataStart);
  }

  private static Entry parseEntry(Path file, String name, JsonNode node) throws IOException {
    try {
      WeightsDtype dtype = WeightsDtype.fromCode(node.get("dtype").asText());
      JsonNode dims = node.get("shape");
      long[] shape = new long[dims.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = dims.get(i).asLong();
      }
      long begin = node.get("data_offsets").get(0).asLong();
      long end = node.get("data_offsets").get(1).asLong();
      Shape parsed = new Shape(shape);
      if (begin < 0 || end - begin != parsed.size() * dtype.bytes()) {
        throw invalid(file, "tensor " + name + ": offsets do not match shape " + parsed);
      }
      return new Entry(dtype, parsed, begin, end);
    } catch (NullPointerException | IllegalArgumentException e) {
      throw new CheckpointException(
          Reason.INVALID_WEIGHTS, "tensor " + name + " in " + file + " has a malformed entry", e);
    }
  }

  private static byte[] littleEndianBytes(NDArray tensor, WeightsDtype dtype) {
    ByteBuffer out =
        ByteBuffer.allocate((int) tensor.size() * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    if (dtype == WeightsDtype.FLOAT32) {
      out.asFloatBuffer().put(tensor.toType(DataType.FLOAT32, false).toFloatArray());
    } else {
      ByteBuffer half = tensor.toType(DataType.FLOAT16, false).toByteBuffer();
      out.asShortBuffer().put(half.asShortBuffer());
    }
    return out.array();
  }

  private static NDArray toFloat32(NDManager manager, ByteBuffer data, Entry entry) {
    if (entry.dtype() == WeightsDtype.FLOAT32) {
      float[] values = new float[(int) entry.shape().size()];
      data.asFloatBuffer().get(values);
      return manager.create(values, entry.shape());
    }
    ByteBuffer half = ByteBuffer.allocateDirect(data.remaining()).order(ByteOrder.nativeOrder());
    half.asShortBuffer().put(data.asShortBuffer());
    return manager.create(half, entry.shape(), DataType.FLOAT16).toType(DataType.FLOAT32, false);
  }

  private static CheckpointException invalid(Path file, String message) {
    return new CheckpointException(Reason.INVALID_WEIGHTS, "weights file " + file + ": " + message);
  }
}
