/*
 * Answers MKL's "is this an Intel CPU?" with yes, so that the MKL inside libtorch uses the AVX2 /
 * AVX-512 kernels its CPU feature detection picked on AMD CPUs too, instead of generic code.
 * Loaded with LD_PRELOAD by ./rela and the Docker image (README.md here).
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
