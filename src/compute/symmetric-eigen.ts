/**
 * The eigen-decomposition of a dense symmetric matrix, exact (not
 * randomised): Householder reduction to tridiagonal form, implicit QR steps
 * with Wilkinson's shift on the tridiagonal matrix, then the eigenvectors that
 * are wanted, and only those: the QR rotations (recorded) and the reflections
 * are applied to a few vectors rather than accumulated into n × n matrices.
 * PCA decomposes its covariance (or Gram) matrix with it.
 *
 * Everything runs on row-major arrays with the inner loops along rows: the
 * reduction reads and updates only the upper triangle. At n = 2,025 (HOG
 * features of MNIST, the scatter matrix of 10,000 rows), 2 busy cores:
 * the reduction took 4.4–5.4 s (see tridiagonalize); accumulating every QR rotation into the n × n
 * eigenvector matrix took 16.0 s, against 0.2 s for the QR steps alone and
 * 1.4 s to replay their 2.7 million recorded rotations on the 200 vectors
 * wanted; multiplying the reflections into an n × n matrix took 10 s, against
 * 1.1–1.3 s to apply them to the 200 vectors. See docs/pca.md.
 */

/** Eigenvalues in decreasing order and the leading unit eigenvectors. */
export interface SymmetricEigen {
  /** The n eigenvalues, largest first (ties keep the order in which they were found). */
  values: Float64Array;
  /** count × n row-major: row i is the unit eigenvector of `values[i]`; the rows are orthonormal. */
  vectors: Float64Array;
  /** The number of eigenvectors in `vectors`. */
  count: number;
}

const EPS = 2 ** -52;
/** Eigenvectors transformed together: 8 rows of 2,025 values (130 kB) stay in cache while the reflections stream past. */
const VECTOR_BLOCK = 8;

/**
 * Every eigenvalue of the symmetric n × n matrix `a` (row-major; only its
 * upper triangle is read) and the eigenvectors of the largest ones: as many
 * as `count` asks for once it sees the eigenvalues (default all). `a` is
 * overwritten. Backward stable: the eigenvalues are those of a matrix within
 * about n·ε·‖a‖ of `a`, and each eigenvector is accurate to about ε·‖a‖
 * divided by the gap to the nearest other eigenvalue.
 * @throws Error when the iteration does not converge (not seen; it would be a bug).
 */
export function symmetricEigen(a: Float64Array, n: number, count: (values: Float64Array) => number = () => n): SymmetricEigen {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const tau = new Float64Array(n);
  tridiagonalize(a, n, d, e, tau);
  const rotations = new RotationLog();
  diagonalize(d, e, n, rotations);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[j] - d[i] || i - j);
  const values = Float64Array.from(order, (i) => d[i]);
  const k = Math.max(0, Math.min(n, count(values)));
  const vectors = tridiagonalVectors(rotations, n, order.slice(0, k));
  for (let r = 0; r < k; r += VECTOR_BLOCK) applyReflections(a, n, tau, vectors, r, Math.min(k, r + VECTOR_BLOCK));
  return { values, vectors, count: k };
}

/**
 * The rotations of the QR steps, in order: for each step its first plane
 * `lo` and its number of rotations, and for each rotation its cosine and sine
 * (rotation j of a step acts on the plane (lo + j, lo + j + 1)). 2.7 million
 * rotations (0.65·n², 43 MB) for the scatter matrix of HOG features at
 * n = 2,025.
 */
class RotationLog {
  cs = new Float64Array(1 << 16);
  size = 0;
  steps = new Int32Array(1 << 10);
  nSteps = 0;

  /** Starts a step whose first rotation acts on the plane (lo, lo + 1). */
  step(lo: number, rotations: number): void {
    if (2 * this.nSteps + 2 > this.steps.length) {
      const steps = new Int32Array(2 * this.steps.length);
      steps.set(this.steps);
      this.steps = steps;
    }
    this.steps[2 * this.nSteps] = lo;
    this.steps[2 * this.nSteps + 1] = rotations;
    this.nSteps++;
    if (this.size + 2 * rotations > this.cs.length) {
      const cs = new Float64Array(Math.max(2 * this.cs.length, this.size + 2 * rotations));
      cs.set(this.cs);
      this.cs = cs;
    }
  }

  push(c: number, s: number): void {
    this.cs[this.size++] = c;
    this.cs[this.size++] = s;
  }
}

/**
 * Rows `which` of W = R_m ⋯ R_1, the product of the recorded rotations (the
 * eigenvectors of T, as rows: row i belongs to the eigenvalue left in d[i]),
 * one row per entry of `which`. Row i is e_iᵀ R_m ⋯ R_1: the rotations are
 * replayed last to first on the unit vectors, kept as the columns of an
 * n × k array so that a rotation combines two contiguous runs of k values.
 */
function tridiagonalVectors(log: RotationLog, n: number, which: number[]): Float64Array {
  const k = which.length;
  const x = new Float64Array(n * k);
  for (let j = 0; j < k; j++) x[which[j] * k + j] = 1;
  const { cs, steps } = log;
  let at = log.size;
  for (let t = log.nSteps - 1; t >= 0; t--) {
    const lo = steps[2 * t];
    const count = steps[2 * t + 1];
    for (let r = count - 1; r >= 0; r--) {
      const s = cs[--at];
      const c = cs[--at];
      const p0 = (lo + r) * k;
      const p1 = p0 + k;
      // vᵀR for R = [c s; −s c] on the plane (lo + r, lo + r + 1).
      for (let j = 0; j < k; j++) {
        const u = x[p0 + j];
        const y = x[p1 + j];
        x[p0 + j] = c * u - s * y;
        x[p1 + j] = s * u + c * y;
      }
    }
  }
  const out = new Float64Array(k * n);
  for (let p = 0; p < n; p++) for (let j = 0; j < k; j++) out[j * n + p] = x[p * k + j];
  return out;
}

/**
 * Reduces `a` to tridiagonal form T = Qᵀ a Q by n − 2 Householder
 * reflections H_k = I − τ_k v_k v_kᵀ (Q = H_0 H_1 ⋯), each zeroing row k
 * beyond its first off-diagonal entry. T's diagonal goes to `d`, its
 * off-diagonal to `e` (e[k] = T[k][k+1]); v_k is left in row k of `a`, right
 * of the diagonal, and τ_k in `tau` (0: no reflection).
 *
 * Each step needs p = A22·v (A22 the trailing block) and then updates A22 by
 * the two-sided reflection. The update of step k and the product of step k + 1
 * run in one pass over A22: row k + 1 is updated first, the next reflector read
 * from it, then each further row is updated and at once multiplied by the next
 * v. One pass instead of two over a matrix of 33 MB at n = 2,025: the reduction
 * took 4.4 s instead of 6.6–7.9 s (scatter matrix of MNIST HOG features).
 */
/**
 * The Householder reflector of row k, from its entries right of the diagonal:
 * sets d[k], e[k] and tau[k] (0 when the row is already tridiagonal), fills
 * v[k+1..n), leaves v in the row (only its first entry differs from the row's),
 * and returns τ.
 */
function reflector(a: Float64Array, n: number, k: number, v: Float64Array, d: Float64Array, e: Float64Array, tau: Float64Array): number {
  const row = k * n;
  let ss = 0;
  for (let j = k + 2; j < n; j++) ss += a[row + j] * a[row + j];
  const x0 = a[row + k + 1];
  d[k] = a[row + k];
  if (ss === 0) {
    e[k] = x0;
    tau[k] = 0;
    return 0;
  }
  const sigma = Math.sqrt(x0 * x0 + ss);
  const beta = x0 >= 0 ? -sigma : sigma;
  const t = 1 / (sigma * (sigma + Math.abs(x0)));
  v[k + 1] = x0 - beta;
  for (let j = k + 2; j < n; j++) v[j] = a[row + j];
  a[row + k + 1] = v[k + 1];
  e[k] = beta;
  tau[k] = t;
  return t;
}

function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array, tau: Float64Array): void {
  let v = new Float64Array(n);
  let p = new Float64Array(n);
  let v2 = new Float64Array(n);
  let p2 = new Float64Array(n);
  let t = n >= 3 ? reflector(a, n, 0, v, d, e, tau) : 0;
  if (t !== 0) symmetricProduct(a, n, 1, v, p);
  for (let k = 0; k + 2 < n; k++) {
    const next = k + 3 < n;
    if (t === 0) {
      if (next) {
        t = reflector(a, n, k + 1, v, d, e, tau);
        if (t !== 0) {
          p.fill(0, k + 2, n);
          symmetricProduct(a, n, k + 2, v, p);
        }
      }
      continue;
    }
    // w = τp − (τ²(pᵀv)/2) v, into p.
    let pv = 0;
    for (let i = k + 1; i < n; i++) {
      p[i] *= t;
      pv += p[i] * v[i];
    }
    const half = 0.5 * t * pv;
    for (let i = k + 1; i < n; i++) p[i] -= half * v[i];
    // Row k + 1 first: the next reflector comes from it.
    {
      const i = k + 1;
      const ri = i * n;
      const vi = v[i];
      const wi = p[i];
      for (let j = i; j < n; j++) a[ri + j] -= vi * p[j] + wi * v[j];
    }
    const t2 = next ? reflector(a, n, k + 1, v2, d, e, tau) : 0;
    if (t2 !== 0) {
      p2.fill(0, k + 2, n);
      let i = k + 2;
      // Two rows at a time: the loads of p, v, v2 and p2 serve both.
      for (; i + 1 < n; i += 2) {
        const r0 = i * n;
        const r1 = r0 + n;
        const v0 = v[i];
        const v1 = v[i + 1];
        const w0 = p[i];
        const w1 = p[i + 1];
        const u0 = v2[i];
        const u1 = v2[i + 1];
        const a00 = a[r0 + i] - 2 * v0 * w0;
        const a01 = a[r0 + i + 1] - v0 * w1 - w0 * v1;
        const a11 = a[r1 + i + 1] - 2 * v1 * w1;
        a[r0 + i] = a00;
        a[r0 + i + 1] = a01;
        a[r1 + i + 1] = a11;
        let s0 = a00 * u0 + a01 * u1;
        let s1 = a01 * u0 + a11 * u1;
        for (let j = i + 2; j < n; j++) {
          const pj = p[j];
          const vj = v[j];
          const x0 = a[r0 + j] - v0 * pj - w0 * vj;
          const x1 = a[r1 + j] - v1 * pj - w1 * vj;
          a[r0 + j] = x0;
          a[r1 + j] = x1;
          const uj = v2[j];
          s0 += x0 * uj;
          s1 += x1 * uj;
          p2[j] += x0 * u0 + x1 * u1;
        }
        p2[i] += s0;
        p2[i + 1] += s1;
      }
      for (; i < n; i++) {
        const ri = i * n;
        const vi = v[i];
        const wi = p[i];
        const ui = v2[i];
        const aii = a[ri + i] - vi * p[i] - wi * v[i];
        a[ri + i] = aii;
        let s = aii * ui;
        for (let j = i + 1; j < n; j++) {
          const x = a[ri + j] - vi * p[j] - wi * v[j];
          a[ri + j] = x;
          s += x * v2[j];
          p2[j] += x * ui;
        }
        p2[i] += s;
      }
    } else {
      for (let i = k + 2; i < n; i++) {
        const ri = i * n;
        const vi = v[i];
        const wi = p[i];
        for (let j = i; j < n; j++) a[ri + j] -= vi * p[j] + wi * v[j];
      }
    }
    [v, v2] = [v2, v];
    [p, p2] = [p2, p];
    t = t2;
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2];
    e[n - 2] = a[(n - 2) * n + n - 1];
  }
  if (n >= 1) d[n - 1] = a[n * n - 1];
  e[n - 1] = 0;
}
/**
 * p[i] += Σ_j A[i][j] v[j] for i, j in lo..n−1, A symmetric and read from
 * its upper triangle: each entry above the diagonal serves row i and row j.
 * Two rows at a time, for two independent sums and half the updates of p:
 * 1.2× the speed of one row at a time at n = 2,025.
 */
function symmetricProduct(a: Float64Array, n: number, lo: number, v: Float64Array, p: Float64Array): void {
  let i = lo;
  for (; i + 1 < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    const v0 = v[i];
    const v1 = v[i + 1];
    const a01 = a[r0 + i + 1];
    let s0 = a[r0 + i] * v0 + a01 * v1;
    let s1 = a01 * v0 + a[r1 + i + 1] * v1;
    for (let j = i + 2; j < n; j++) {
      const x0 = a[r0 + j];
      const x1 = a[r1 + j];
      const vj = v[j];
      s0 += x0 * vj;
      s1 += x1 * vj;
      p[j] += x0 * v0 + x1 * v1;
    }
    p[i] += s0;
    p[i + 1] += s1;
  }
  if (i < n) p[i] += a[i * n + i] * v[i];
}

/**
 * Rows `from..to` of `x` (eigenvectors of T) become eigenvectors of the
 * reduced matrix: x ← Q x = H_0 (H_1 (⋯ H_{n−3} x)) for each row, with the
 * reflections left in `a` by {@link tridiagonalize}.
 */
function applyReflections(a: Float64Array, n: number, tau: Float64Array, x: Float64Array, from: number, to: number): void {
  for (let k = n - 3; k >= 0; k--) {
    const t = tau[k];
    if (t === 0) continue;
    const vk = k * n;
    let r = from;
    // Four rows at a time: four independent sums (one sum is bound by the
    // latency of its additions) and one read of v_k for four rows; 2.6× the
    // speed of one row at a time at n = 2,025.
    for (; r + 3 < to; r += 4) {
      const x0 = r * n;
      const x1 = x0 + n;
      const x2 = x1 + n;
      const x3 = x2 + n;
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      for (let j = k + 1; j < n; j++) {
        const v = a[vk + j];
        d0 += v * x[x0 + j];
        d1 += v * x[x1 + j];
        d2 += v * x[x2 + j];
        d3 += v * x[x3 + j];
      }
      d0 *= t;
      d1 *= t;
      d2 *= t;
      d3 *= t;
      for (let j = k + 1; j < n; j++) {
        const v = a[vk + j];
        x[x0 + j] -= d0 * v;
        x[x1 + j] -= d1 * v;
        x[x2 + j] -= d2 * v;
        x[x3 + j] -= d3 * v;
      }
    }
    for (; r < to; r++) {
      const xr = r * n;
      let dot = 0;
      for (let j = k + 1; j < n; j++) dot += a[vk + j] * x[xr + j];
      const f = t * dot;
      for (let j = k + 1; j < n; j++) x[xr + j] -= f * a[vk + j];
    }
  }
}

/** True when the off-diagonal entry between `x` and `y` can be taken as 0 (relative to its neighbours). */
function negligible(offDiagonal: number, x: number, y: number): boolean {
  const off = Math.abs(offDiagonal);
  return off <= EPS * (Math.abs(x) + Math.abs(y)) || off < 1e-300;
}

/**
 * Diagonalises the symmetric tridiagonal matrix (`d`, `e`) by implicit QR
 * steps, each with Wilkinson's shift, on the bottom unreduced block until
 * its last off-diagonal entry is negligible. The eigenvalues replace `d`;
 * every rotation goes to `log`, from which {@link tridiagonalVectors} makes
 * the eigenvectors wanted.
 */
function diagonalize(d: Float64Array, e: Float64Array, n: number, log: RotationLog): void {
  // Wilkinson's shift converges in two or three steps per eigenvalue; 30 is the customary cap.
  let budget = 30 * n;
  let hi = n - 1;
  while (hi > 0) {
    if (negligible(e[hi - 1], d[hi - 1], d[hi])) {
      e[hi - 1] = 0;
      hi--;
      continue;
    }
    let lo = hi - 1;
    while (lo > 0 && !negligible(e[lo - 1], d[lo - 1], d[lo])) lo--;
    if (lo > 0) e[lo - 1] = 0;
    if (budget-- === 0) throw new Error(`symmetricEigen: the QR iteration did not converge for a ${n}×${n} matrix`);
    qrStep(d, e, lo, hi, log);
  }
}

/**
 * √(x² + y²) without overflow or underflow: the plain formula where the
 * squares are safe (almost always; Math.hypot is slower), else Math.hypot.
 */
function hypot(x: number, y: number): number {
  const r = Math.sqrt(x * x + y * y);
  return r > 1e-150 && r < 1e150 ? r : Math.hypot(x, y);
}

/**
 * One implicit QR step with Wilkinson's shift on the unreduced block lo..hi:
 * a rotation in the plane (lo, lo+1) from the shifted first column, then
 * rotations in the planes (k, k+1) that chase the bulge it makes down the
 * block. T ← R T Rᵀ for each rotation R = [c s; −s c], recorded in `log`.
 */
function qrStep(d: Float64Array, e: Float64Array, lo: number, hi: number, log: RotationLog): void {
  log.step(lo, hi - lo);
  // The eigenvalue of T's trailing 2×2 block nearer to its last diagonal entry.
  const delta = 0.5 * (d[hi - 1] - d[hi]);
  const b = e[hi - 1];
  const root = hypot(delta, b);
  const denominator = delta + (delta >= 0 ? root : -root);
  // b / denominator first: b² alone underflows for entries near 1e-160 (the fuzz suite's data of 1e150 and
  // 5e-324 made the shift NaN and the iteration never ended).
  const mu = denominator === 0 ? d[hi] : d[hi] - b * (b / denominator);
  let x = d[lo] - mu;
  let z = e[lo];
  for (let k = lo; k < hi; k++) {
    const r = hypot(x, z);
    const c = r === 0 ? 1 : x / r;
    const s = r === 0 ? 0 : z / r;
    // The entry above the block (k − 1, k) takes the bulge in; (k − 1, k + 1) becomes 0.
    if (k > lo) e[k - 1] = r;
    const a1 = d[k];
    const a2 = d[k + 1];
    const b1 = e[k];
    const cs = c * s;
    const cc = c * c;
    const ss = s * s;
    d[k] = cc * a1 + 2 * cs * b1 + ss * a2;
    d[k + 1] = ss * a1 - 2 * cs * b1 + cc * a2;
    e[k] = cs * (a2 - a1) + (cc - ss) * b1;
    if (k + 1 < hi) {
      // The rotation pushes the bulge to (k, k + 2).
      const b2 = e[k + 1];
      z = s * b2;
      e[k + 1] = c * b2;
      x = e[k];
    }
    log.push(c, s);
  }
}
