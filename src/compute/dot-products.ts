/**
 * Dot products in plain TypeScript: squared norms, and blocks of dot products
 * between rows of two row-major arrays — the inner loop of SVC training and
 * prediction where WebAssembly SIMD is missing or switched off. A 2×2 register block (two rows
 * of A against two rows of B) halves the loads per multiply-add; measured at
 * about 2× the plain loop on 64-dimensional digits.
 */

/** The squared norm of each row of a row-major `rows × cols` array. */
export function squaredNorms(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let k = i * cols, e = k + cols; k < e; k++) s += data[k] * data[k];
    out[i] = s;
  }
  return out;
}

/** The squared norm of every row of X. */
export function rowSquaredNorms(X: { data: Float64Array; rows: number; cols: number }): Float64Array {
  return squaredNorms(X.data, X.rows, X.cols);
}

/**
 * out[i·nB + j] = A_i · B_j for all i < nA, j < nB.
 * @param a nA × d, row-major.
 * @param b nB × d, row-major.
 * @param out nA × nB, row-major.
 */
export function dotBlock(a: Float64Array, nA: number, b: Float64Array, nB: number, d: number, out: Float64Array): void {
  for (let i = 0; i < nA; i += 2) {
    const pairI = i + 1 < nA;
    const a0 = i * d;
    const a1 = pairI ? a0 + d : a0;
    const o0 = i * nB;
    const o1 = o0 + nB;
    for (let j = 0; j < nB; j += 2) {
      const pairJ = j + 1 < nB;
      const b0 = j * d;
      const b1 = pairJ ? b0 + d : b0;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let k = 0; k < d; k++) {
        const x0 = a[a0 + k];
        const x1 = a[a1 + k];
        const y0 = b[b0 + k];
        const y1 = b[b1 + k];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      out[o0 + j] = s00;
      if (pairJ) out[o0 + j + 1] = s01;
      if (pairI) {
        out[o1 + j] = s10;
        if (pairJ) out[o1 + j + 1] = s11;
      }
    }
  }
}

/**
 * Dot products of row `i` of `x` with rows `rows[start..end)` of `x`, two
 * at a time, into out[start..end).
 */
export function dotRowAgainst(
  x: Float64Array,
  d: number,
  i: number,
  rows: Int32Array,
  start: number,
  end: number,
  out: Float64Array,
): void {
  const a = i * d;
  let j = start;
  for (; j + 1 < end; j += 2) {
    const b0 = rows[j] * d;
    const b1 = rows[j + 1] * d;
    let s0 = 0;
    let s1 = 0;
    for (let k = 0; k < d; k++) {
      const v = x[a + k];
      s0 += v * x[b0 + k];
      s1 += v * x[b1 + k];
    }
    out[j] = s0;
    out[j + 1] = s1;
  }
  if (j < end) {
    const b0 = rows[j] * d;
    let s0 = 0;
    for (let k = 0; k < d; k++) s0 += x[a + k] * x[b0 + k];
    out[j] = s0;
  }
}
