/**
 * The SMO solver for the C-SVC dual problem
 *
 *   min ½ αᵀQα + pᵀα   subject to  yᵀα = 0,  0 ≤ α_i ≤ C_i,
 *
 * after Fan, Chen & Lin (2005) as libsvm implements it: second-order
 * working-set selection (WSS3), a cache of Q rows, and shrinking with
 * gradient reconstruction. Following the same steps in the same order is what
 * makes our models equal scikit-learn's (which runs libsvm).
 */
import type { SvcQMatrix } from './qmatrix.js';
import { swapEntries } from './swap.js';

const LOWER = 0;
const UPPER = 1;
const FREE = 2;
/** Stands in for a non-positive curvature (libsvm's TAU). */
const TAU = 1e-12;

/** The inputs of one binary problem. */
export interface BinaryProblem {
  Q: SvcQMatrix;
  /** +1 or −1 per sample. */
  y: Int8Array;
  /** Upper bound of α for the +1 samples and for the −1 samples. */
  Cp: number;
  Cn: number;
  /** Stopping tolerance on the maximal violating pair (libsvm's eps). */
  tol: number;
  shrinking: boolean;
  /** Iteration limit; the solver stops there and reports it. */
  maxIter: number;
}

/** What the solver found. */
export interface BinarySolution {
  /** α_i · y_i, in the original sample order. */
  coef: Float64Array;
  rho: number;
  objective: number;
  iterations: number;
  /** True when the iteration limit stopped the solver before convergence. */
  hitMaxIter: boolean;
}

/** Solvers kept alive for their hidden classes (see ovo.ts, `keepSolverShapes`). */
const keptSolvers: SmoSolver[] = [];

/**
 * Solves one binary C-SVC problem (p = −1 for every sample, α starts at 0).
 * @param keep keep the solver (and what it holds) alive for good: only for the tiny problem of `keepSolverShapes`.
 */
export function solveBinary(problem: BinaryProblem, keep = false): BinarySolution {
  const solver = new SmoSolver(problem);
  if (keep) keptSolvers.push(solver);
  return solver.solve();
}

/** The iteration limit of a problem of l samples: `maxIter`, or libsvm's own when it is not finite. */
export function iterationLimit(maxIter: number, l: number): number {
  // No limit asked for: libsvm's own, max(10^7, 100·l). A problem that cannot reach the tolerance in
  // floating point (a linear kernel on values near 1e15, whose float32 kernel rows are too coarse for it)
  // would otherwise run for ever; a normal one stops long before (MNIST's largest pair: tens of thousands).
  return Number.isFinite(maxIter) ? maxIter : Math.max(1e7, 100 * l);
}

/**
 * The solution from the solver's final state, by position (α, gradient, status, ±1, original index):
 * ρ from the active set, the objective (p_i = −1), α·y in the original order.
 */
export function solution(
  y: Int8Array,
  G: Float64Array,
  status: Int8Array | Int32Array,
  alpha: Float64Array,
  activeSet: Int32Array,
  activeSize: number,
  iterations: number,
  hitMaxIter: boolean,
): BinarySolution {
  const l = y.length;
  let nFree = 0;
  let sumFree = 0;
  let ub = Infinity;
  let lb = -Infinity;
  for (let i = 0; i < activeSize; i++) {
    const yG = y[i] * G[i];
    if (status[i] === UPPER) {
      if (y[i] < 0) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else if (status[i] === LOWER) {
      if (y[i] > 0) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else {
      nFree++;
      sumFree += yG;
    }
  }
  const rho = nFree > 0 ? sumFree / nFree : (ub + lb) / 2;
  let objective = 0;
  // G_i + p_i with p_i = −1
  for (let i = 0; i < l; i++) objective += alpha[i] * (G[i] + -1);
  objective /= 2;
  const coef = new Float64Array(l);
  for (let i = 0; i < l; i++) coef[activeSet[i]] = alpha[i] * y[i];
  return { coef, rho, objective, iterations, hitMaxIter };
}

class SmoSolver {
  private readonly l: number;
  private readonly Q: SvcQMatrix;
  private readonly QD: Float64Array;
  private readonly y: Int8Array;
  private readonly p: Float64Array;
  private readonly alpha: Float64Array;
  private readonly status: Int8Array;
  private readonly G: Float64Array;
  /** Sum over upper-bounded j of C_j·Q[i][j]: lets shrunk gradients be rebuilt. */
  private readonly Gbar: Float64Array;
  private readonly activeSet: Int32Array;
  private activeSize: number;
  private unshrink = false;
  private readonly problem: BinaryProblem;

  constructor(problem: BinaryProblem) {
    const l = problem.y.length;
    this.problem = problem;
    this.l = l;
    this.Q = problem.Q;
    this.QD = problem.Q.QD;
    this.y = Int8Array.from(problem.y);
    this.p = new Float64Array(l).fill(-1);
    this.alpha = new Float64Array(l);
    this.status = new Int8Array(l).fill(LOWER);
    this.G = new Float64Array(l).fill(-1);
    this.Gbar = new Float64Array(l);
    this.activeSet = new Int32Array(l);
    for (let i = 0; i < l; i++) this.activeSet[i] = i;
    this.activeSize = l;
  }

  private C(i: number): number {
    return this.y[i] > 0 ? this.problem.Cp : this.problem.Cn;
  }

  private updateStatus(i: number): void {
    const a = this.alpha[i];
    this.status[i] = a >= this.C(i) ? UPPER : a <= 0 ? LOWER : FREE;
  }

  solve(): BinarySolution {
    const { l, y, alpha, G, status } = this;
    const { shrinking } = this.problem;
    const maxIter = iterationLimit(this.problem.maxIter, l);
    let iter = 0;
    let counter = Math.min(l, 1000) + 1;
    const pair = [0, 0];
    while (iter < maxIter) {
      if (--counter === 0) {
        counter = Math.min(l, 1000);
        if (shrinking) this.shrink();
      }
      if (!this.selectWorkingSet(pair)) {
        // Optimal on the active set: check the whole set before stopping.
        this.reconstructGradient();
        this.activeSize = l;
        if (!this.selectWorkingSet(pair)) break;
        counter = 1; // shrink again at the next iteration
      }
      iter++;
      const i = pair[0];
      const j = pair[1];
      const n = this.activeSize;
      const Qi = this.Q.getQ(i, n);
      const Qj = this.Q.getQ(j, n);
      const Ci = this.C(i);
      const Cj = this.C(j);
      const oldAi = alpha[i];
      const oldAj = alpha[j];
      if (y[i] !== y[j]) {
        let quad = this.QD[i] + this.QD[j] + 2 * Qi[j];
        if (quad <= 0) quad = TAU;
        const delta = (-G[i] - G[j]) / quad;
        const diff = alpha[i] - alpha[j];
        alpha[i] += delta;
        alpha[j] += delta;
        if (diff > 0) {
          if (alpha[j] < 0) {
            alpha[j] = 0;
            alpha[i] = diff;
          }
        } else if (alpha[i] < 0) {
          alpha[i] = 0;
          alpha[j] = -diff;
        }
        if (diff > Ci - Cj) {
          if (alpha[i] > Ci) {
            alpha[i] = Ci;
            alpha[j] = Ci - diff;
          }
        } else if (alpha[j] > Cj) {
          alpha[j] = Cj;
          alpha[i] = Cj + diff;
        }
      } else {
        let quad = this.QD[i] + this.QD[j] - 2 * Qi[j];
        if (quad <= 0) quad = TAU;
        const delta = (G[i] - G[j]) / quad;
        const sum = alpha[i] + alpha[j];
        alpha[i] -= delta;
        alpha[j] += delta;
        if (sum > Ci) {
          if (alpha[i] > Ci) {
            alpha[i] = Ci;
            alpha[j] = sum - Ci;
          }
        } else if (alpha[j] < 0) {
          alpha[j] = 0;
          alpha[i] = sum;
        }
        if (sum > Cj) {
          if (alpha[j] > Cj) {
            alpha[j] = Cj;
            alpha[i] = sum - Cj;
          }
        } else if (alpha[i] < 0) {
          alpha[i] = 0;
          alpha[j] = sum;
        }
      }
      const dAi = alpha[i] - oldAi;
      const dAj = alpha[j] - oldAj;
      for (let k = 0; k < n; k++) G[k] += Qi[k] * dAi + Qj[k] * dAj;
      const wasUpperI = status[i] === UPPER;
      const wasUpperJ = status[j] === UPPER;
      this.updateStatus(i);
      this.updateStatus(j);
      if (wasUpperI !== (status[i] === UPPER)) this.addToGbar(i, wasUpperI ? -Ci : Ci);
      if (wasUpperJ !== (status[j] === UPPER)) this.addToGbar(j, wasUpperJ ? -Cj : Cj);
    }
    const hitMaxIter = iter >= maxIter;
    if (hitMaxIter && this.activeSize < l) {
      this.reconstructGradient();
      this.activeSize = l;
    }
    return solution(y, G, status, alpha, this.activeSet, this.activeSize, iter, hitMaxIter);
  }

  private addToGbar(i: number, c: number): void {
    const Qi = this.Q.getQ(i, this.l);
    const Gbar = this.Gbar;
    for (let k = 0; k < this.l; k++) Gbar[k] += c * Qi[k];
  }

  /**
   * Second-order working-set selection (WSS3). Writes the pair into `out`
   * and returns false when the maximal violation is below the tolerance.
   */
  private selectWorkingSet(out: number[]): boolean {
    const { y, G, status, QD } = this;
    const n = this.activeSize;
    let Gmax = -Infinity;
    let Gmax2 = -Infinity;
    let iBest = -1;
    let jBest = -1;
    let objDiffMin = Infinity;
    for (let t = 0; t < n; t++) {
      if (y[t] > 0) {
        if (status[t] !== UPPER && -G[t] >= Gmax) {
          Gmax = -G[t];
          iBest = t;
        }
      } else if (status[t] !== LOWER && G[t] >= Gmax) {
        Gmax = G[t];
        iBest = t;
      }
    }
    const i = iBest;
    const Qi = i !== -1 ? this.Q.getQ(i, n) : null;
    for (let j = 0; j < n; j++) {
      let gradDiff: number;
      let quad: number;
      if (y[j] > 0) {
        if (status[j] === LOWER) continue;
        gradDiff = Gmax + G[j];
        if (G[j] >= Gmax2) Gmax2 = G[j];
        if (gradDiff <= 0) continue;
        quad = QD[i] + QD[j] - 2 * y[i] * Qi![j];
      } else {
        if (status[j] === UPPER) continue;
        gradDiff = Gmax - G[j];
        if (-G[j] >= Gmax2) Gmax2 = -G[j];
        if (gradDiff <= 0) continue;
        quad = QD[i] + QD[j] + 2 * y[i] * Qi![j];
      }
      const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
      if (objDiff <= objDiffMin) {
        jBest = j;
        objDiffMin = objDiff;
      }
    }
    if (Gmax + Gmax2 < this.problem.tol || jBest === -1) return false;
    out[0] = iBest;
    out[1] = jBest;
    return true;
  }

  private beShrunk(i: number, Gmax1: number, Gmax2: number): boolean {
    const s = this.status[i];
    if (s === UPPER) return this.y[i] > 0 ? -this.G[i] > Gmax1 : -this.G[i] > Gmax2;
    if (s === LOWER) return this.y[i] > 0 ? this.G[i] > Gmax2 : this.G[i] > Gmax1;
    return false;
  }

  /** Moves samples that are unlikely to change to the end of the active set. */
  private shrink(): void {
    const { y, G, status } = this;
    let Gmax1 = -Infinity; // max of −y_i·∇f_i over I_up
    let Gmax2 = -Infinity; // max of  y_i·∇f_i over I_low
    for (let i = 0; i < this.activeSize; i++) {
      if (y[i] > 0) {
        if (status[i] !== UPPER && -G[i] >= Gmax1) Gmax1 = -G[i];
        if (status[i] !== LOWER && G[i] >= Gmax2) Gmax2 = G[i];
      } else {
        if (status[i] !== UPPER && -G[i] >= Gmax2) Gmax2 = -G[i];
        if (status[i] !== LOWER && G[i] >= Gmax1) Gmax1 = G[i];
      }
    }
    if (!this.unshrink && Gmax1 + Gmax2 <= this.problem.tol * 10) {
      // Close to the end: unshrink once so the final answer is checked on every sample.
      this.unshrink = true;
      this.reconstructGradient();
      this.activeSize = this.l;
    }
    for (let i = 0; i < this.activeSize; i++) {
      if (!this.beShrunk(i, Gmax1, Gmax2)) continue;
      this.activeSize--;
      while (this.activeSize > i) {
        if (!this.beShrunk(this.activeSize, Gmax1, Gmax2)) {
          this.swapIndex(i, this.activeSize);
          break;
        }
        this.activeSize--;
      }
    }
  }

  /** Rebuilds the gradient of the inactive samples from Gbar and the free α. */
  private reconstructGradient(): void {
    const { l, G, Gbar, p, alpha, status } = this;
    const n = this.activeSize;
    if (n === l) return;
    for (let j = n; j < l; j++) G[j] = Gbar[j] + p[j];
    let nFree = 0;
    for (let j = 0; j < n; j++) if (status[j] === FREE) nFree++;
    if (nFree * l > 2 * n * (l - n)) {
      for (let i = n; i < l; i++) {
        const Qi = this.Q.getQ(i, n);
        let g = 0;
        for (let j = 0; j < n; j++) if (status[j] === FREE) g += alpha[j] * Qi[j];
        G[i] += g;
      }
    } else {
      for (let i = 0; i < n; i++) {
        if (status[i] !== FREE) continue;
        const Qi = this.Q.getQ(i, l);
        const ai = alpha[i];
        for (let j = n; j < l; j++) G[j] += ai * Qi[j];
      }
    }
  }

  private swapIndex(i: number, j: number): void {
    this.Q.swap(i, j);
    swapEntries(this.y, i, j);
    swapEntries(this.G, i, j);
    swapEntries(this.status, i, j);
    swapEntries(this.alpha, i, j);
    swapEntries(this.p, i, j);
    swapEntries(this.activeSet, i, j);
    swapEntries(this.Gbar, i, j);
  }
}
