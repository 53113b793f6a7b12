package io.github.rela.model.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Matrix products against weights packed once into MKL's own blocked layout ({@code
 * cblas_sgemm_pack} and {@code cblas_sgemm_compute}, which the x86-64 libtorch that DJL loads
 * exports), as CTranslate2 does with MKL.
 *
 * <p>Why: PyTorch's {@code linear} hands MKL the weight matrix as it is, and MKL copies the whole
 * matrix into that layout inside every product: a fifth of the projections' time when decoding at
 * beam 4 batch 32 (async-profiler). A decoding step multiplies the same weights by a new [rows, in]
 * input each time, so packing them once saves that copy at every step.
 *
 * <p>With 16 rows or more the products are 1.0-1.6x faster than {@code linear} (the larger gains at
 * fewer rows and at in = 1024) and, for in = 256, bit-identical to it; below 16 rows MKL's unpacked
 * small-matrix kernels are as fast or faster, so {@link #pays} says no. Where the engine's library
 * lacks the two functions (another platform or BLAS) {@link #get()} is empty and callers keep
 * PyTorch's {@code linear}; {@code -Drela.packed-gemm=false} turns it off.
 */
public final class PackedGemm {
  /** Fewest input rows for which packed weights pay (see the class comment). */
  static final long MIN_ROWS = 16;

  private static final int ROW_MAJOR = 101; // CBLAS_LAYOUT
  private static final int NO_TRANS = 111;
  private static final int TRANS = 112;
  private static final int PACKED = 151;
  private static final int B_MATRIX = 162; // CBLAS_IDENTIFIER
  private static final System.Logger LOG = System.getLogger(PackedGemm.class.getName());

  private PackedGemm() {}

  /** The packed products, if the loaded engine library offers them and they are not turned off. */
  public static Optional<PackedGemm> get() {
    return Holder.INSTANCE;
  }

  /**
   * Whether a product of {@code rows} input rows with {@code weight} goes through packed weights:
   * faster with that many rows, and possible (float32 on the CPU).
   */
  public boolean pays(long rows, NDArray weight) {
    return rows >= MIN_ROWS
        && !weight.getDevice().isGpu()
        && weight.getDataType() == DataType.FLOAT32;
  }

  /**
   * Packs {@code weight} for {@link #linear}: its transpose, in MKL's layout, held in an engine
   * array (so it lives and is freed like any array of the weight's manager).
   *
   * @param weight [out, in], float32 on the CPU
   */
  public PackedMatrix pack(NDArray weight) {
    Shape shape = weight.getShape();
    int out = Math.toIntExact(shape.get(0));
    int in = Math.toIntExact(shape.get(1));
    long bytes = Mkl.cblas_sgemm_pack_get_size(B_MATRIX, 1, out, in);
    NDArray storage =
        weight.getManager().create(new Shape((bytes + Float.BYTES - 1) / Float.BYTES));
    Mkl.cblas_sgemm_pack(
        ROW_MAJOR, B_MATRIX, TRANS, 1, out, in, 1f, address(weight), in, address(storage));
    return new PackedMatrix(storage, out, in);
  }

  /**
   * {@code x W^T + b}, as PyTorch's {@code linear}.
   *
   * @param x [..., in], float32 on the CPU
   * @param weight W, packed by {@link #pack}
   * @param bias [out], or null
   * @return [..., out]
   */
  public NDArray linear(NDArray x, PackedMatrix weight, NDArray bias) {
    Shape shape = x.getShape();
    int in = weight.in();
    if (shape.get(shape.dimension() - 1) != in) {
      throw new IllegalArgumentException("input " + shape + " does not end in " + in);
    }
    int rows = Math.toIntExact(shape.size() / in);
    NDArray y =
        x.getManager().create(shape.slice(0, shape.dimension() - 1).add(weight.out())); // empty
    Mkl.cblas_sgemm_compute(
        ROW_MAJOR,
        NO_TRANS,
        PACKED,
        rows,
        weight.out(),
        in,
        address(x),
        in,
        address(weight.storage()),
        weight.out(),
        0f,
        address(y),
        weight.out());
    return bias == null ? y : y.addi(bias);
  }

  /** The address of {@code array}'s memory (made contiguous by the engine if it is a view). */
  private static Pointer address(NDArray array) {
    if (array.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException("packed products are float32, not " + array.getDataType());
    }
    return Native.getDirectBufferPointer(array.toByteBuffer(true));
  }

  /** The two functions, bound straight to the engine's library (JNA direct mapping). */
  private static final class Mkl {
    static native long cblas_sgemm_pack_get_size(int identifier, int m, int n, int k);

    static native void cblas_sgemm_pack(
        int layout,
        int identifier,
        int trans,
        int m,
        int n,
        int k,
        float alpha,
        Pointer source,
        int leadingDimension,
        Pointer destination);

    static native void cblas_sgemm_compute(
        int layout,
        int transA,
        int transB,
        int m,
        int n,
        int k,
        Pointer a,
        int lda,
        Pointer b,
        int ldb,
        float beta,
        Pointer c,
        int ldc);
  }

  /** Binds the functions once, at first use (after DJL has loaded the engine). */
  private static final class Holder {
    static final Optional<PackedGemm> INSTANCE = bind();

    private static Optional<PackedGemm> bind() {
      if (!Boolean.parseBoolean(System.getProperty("rela.packed-gemm", "true"))) {
        return Optional.empty();
      }
      try {
        Engine.getEngine("PyTorch"); // loads libtorch, so that its directory is known
        Path library = Path.of(LibUtils.getLibtorchPath(), System.mapLibraryName("torch_cpu"));
        if (!Files.isRegularFile(library)) {
          return Optional.empty();
        }
        Native.register(Mkl.class, NativeLibrary.getInstance(library.toString()));
        return Optional.of(new PackedGemm());
      } catch (LinkageError | RuntimeException e) {
        // Another BLAS or platform: PyTorch's own linear serves, as fast as ever.
        LOG.log(System.Logger.Level.DEBUG, "no packed GEMM in libtorch: " + e.getMessage());
        return Optional.empty();
      }
    }
  }
}
