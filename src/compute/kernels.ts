/**
 * The SVC's kernels, each written once as a function of the dot product a·b
 * and the squared norms ‖a‖², ‖b‖² (computed once per row), so that every
 * kernel value costs one dot product whatever the kernel. Training (kernel
 * rows, the precomputed kernel matrix) and prediction (kernel blocks against
 * the support vectors) evaluate kernels through `kernelFunction`, except RBF
 * in the two inner loops, `kernelRow` (float32 rows) and `applyKernel`
 * (float64 blocks), which write its expression out (the same one, so the same
 * bits): the call cost 4.7–4.8 ms of the digits example's fit and prediction.
 * (The WebAssembly module smo.wat has its own copy, checked bit for bit by
 * test/svc-smo-wasm.test.ts.)
 *
 * A new dot-product kernel is its name in `KernelName` and its formula in
 * `KERNELS`; the SVC's `kernel` parameter takes every name of `KERNEL_NAMES`.
 */

/** The kernels' names: the values of the SVC's `kernel` parameter (each has its formula in `KERNELS`). */
export type KernelName = 'rbf' | 'linear';

/** A kernel's formula. */
interface KernelFormula {
  /** K(a, b) from a·b, ‖a‖², ‖b‖² and the kernel's parameters. */
  value(dot: number, na: number, nb: number, p: KernelParams): number;
  /** K(a, a) from ‖a‖². */
  diagonal(na: number, p: KernelParams): number;
}

/** The parameters kernels take (each uses those it needs). */
export interface KernelParams {
  /** RBF width γ > 0. */
  gamma: number;
}

/**
 * The kernels, by the name the SVC's `kernel` parameter takes.
 *
 * RBF: exp(−γ‖a − b‖²) with ‖a − b‖² = ‖a‖² + ‖b‖² − 2a·b. For rows that are
 * (nearly) equal that difference of large terms can round to slightly below
 * zero, where the true squared distance is ≥ 0; it is clamped at 0, so K ≤ 1
 * always, as libsvm's prediction (which sums squared differences) gives.
 * Rounding makes the distance negative by about 1e-16·(‖a‖² + ‖b‖²) at most,
 * so the clamp moves K by γ times that: a change that the float32 kernel rows
 * of training round away unless γ(‖a‖² + ‖b‖²) exceeds about 1e8, and the
 * trained model stays libsvm's.
 */
export const KERNELS: { readonly [K in KernelName]: KernelFormula } = {
  rbf: {
    value: (dot, na, nb, p) => Math.exp(-p.gamma * Math.max(0, na + nb - 2 * dot)),
    diagonal: () => 1,
  },
  linear: {
    value: (dot) => dot,
    diagonal: (na) => na,
  },
};

/** The names of the kernels, for the SVC's parameter rule. */
export const KERNEL_NAMES = Object.keys(KERNELS) as KernelName[];

/** A kernel with its resolved parameters. */
export interface Kernel extends KernelParams {
  kind: KernelName;
}

/** K(a, b) as a function of a·b, ‖a‖² and ‖b‖², for the inner loops. */
export function kernelFunction(kernel: Kernel): (dot: number, na: number, nb: number) => number {
  const f = KERNELS[kernel.kind];
  return (dot, na, nb) => f.value(dot, na, nb, kernel);
}

/** K(a, a) from ‖a‖². */
export function kernelDiagonal(kernel: Kernel, na: number): number {
  return KERNELS[kernel.kind].diagonal(na, kernel);
}

/**
 * Turns dot products (rows a, columns b, row-major) into kernel values in
 * place, from the rows' squared norms.
 */
export function applyKernel(kernel: Kernel, dots: Float64Array, aNorms: Float64Array, bNorms: Float64Array, nB: number): void {
  if (kernel.kind === 'linear') return;
  if (kernel.kind === 'rbf') {
    // Written out as in `kernelRow` (the same expression, so the same bits): through `kernelFunction`
    // it took 4.8 ms of the digits example's 27 ms prediction (466,000 values).
    const gamma = kernel.gamma;
    for (let i = 0; i < aNorms.length; i++) {
      const ai = aNorms[i];
      const o = i * nB;
      for (let j = 0; j < nB; j++) dots[o + j] = Math.exp(-gamma * Math.max(0, ai + bNorms[j] - 2 * dots[o + j]));
    }
    return;
  }
  const k = kernelFunction(kernel);
  for (let i = 0; i < aNorms.length; i++) {
    const ai = aNorms[i];
    const o = i * nB;
    for (let j = 0; j < nB; j++) dots[o + j] = k(dots[o + j], ai, bNorms[j]);
  }
}

/**
 * One row of kernel values from dot products: out[o + c] = K(dots[s + c], na, nb[b + c]) for c < count.
 * RBF has its formula written out (the same expression as `KERNELS.rbf.value`, so the same bits): the
 * call through `kernelFunction` cost about 12 ns a value, 4.7 ms of the digits example's 34 ms fit.
 */
export function kernelRow(
  kernel: Kernel,
  dots: Float64Array,
  s: number,
  na: number,
  nb: Float64Array,
  b: number,
  count: number,
  out: Float32Array<ArrayBufferLike>,
  o: number,
): void {
  if (kernel.kind === 'rbf') {
    const gamma = kernel.gamma;
    for (let c = 0; c < count; c++) out[o + c] = Math.exp(-gamma * Math.max(0, na + nb[b + c] - 2 * dots[s + c]));
    return;
  }
  const k = kernelFunction(kernel);
  for (let c = 0; c < count; c++) out[o + c] = k(dots[s + c], na, nb[b + c]);
}
