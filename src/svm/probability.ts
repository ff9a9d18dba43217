/**
 * The probability estimates of libsvm's C-SVC, as scikit-learn's
 * `SVC(probability=True)` computes them: for each pair of classes, decision
 * values from a 5-fold cross-validation of the pair (folds from libsvm's
 * shuffle, see libsvm-random.ts), to which Platt's sigmoid is fitted (platt.ts).
 */
import { sigmoidTrain } from './platt.js';
import { Mt19937, boundedRandInt } from './libsvm-random.js';
import type { KernelRows } from './kernel-rows.js';
import { solveSamples, type CacheMemory, type OvoOptions, type OvoPlan } from './ovo.js';

const FOLDS = 5;

/** Fold f of l samples: positions [begin, end) of the permutation (libsvm's split). */
const foldBounds = (f: number, l: number): [number, number] => [Math.floor((f * l) / FOLDS), Math.floor(((f + 1) * l) / FOLDS)];

/**
 * The cross-validation permutation of every pair (of the pair's samples,
 * class i's then class j's, as positions 0..ni+nj−1), drawn as scikit-learn's
 * libsvm draws them. libsvm seeds its generator when training starts, and
 * again each time it trains a fold's sub-model (its train routine seeds on
 * entry): so a pair shuffles from a fresh generator whenever the pair before
 * trained any fold. Which folds train depends only on the labels, so every
 * permutation is known before any training, and pairs can train on threads.
 */
export function pairPermutations(plan: OvoPlan, seed: number): Int32Array[] {
  let mt = new Mt19937(seed);
  return plan.pairs.map(([ci, cj]) => {
    const ni = plan.count[ci];
    const l = ni + plan.count[cj];
    const perm = Int32Array.from({ length: l }, (_, i) => i);
    for (let i = 0; i < l; i++) {
      const j = i + boundedRandInt(mt, l - i);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    let trained = false;
    for (let f = 0; f < FOLDS && !trained; f++) {
      const [begin, end] = foldBounds(f, l);
      let pos = 0;
      let neg = 0;
      for (let k = 0; k < l; k++) if (k < begin || k >= end) perm[k] < ni ? pos++ : neg++;
      trained = pos > 0 && neg > 0;
    }
    if (trained) mt = new Mt19937(seed);
    return perm;
  });
}

/**
 * The sigmoid (A, B) of pair `p`: decision values of each sample from a model
 * trained on the other four folds, then Platt's fit to them. A fold model is
 * libsvm's: the pair's two classes become labels +1 (class i) and −1, which
 * libsvm sorts, so that class j's samples come first and are the solver's +1.
 */
export function pairSigmoid(rows: KernelRows, plan: OvoPlan, p: number, perm: Int32Array, opts: OvoOptions, memory: CacheMemory): { A: number; B: number } {
  const [ci, cj] = plan.pairs[p];
  const ni = plan.count[ci];
  const nj = plan.count[cj];
  const l = ni + nj;
  // The training-set index of each of the pair's samples.
  const global = new Int32Array(l);
  for (let k = 0; k < ni; k++) global[k] = plan.perm[plan.start[ci] + k];
  for (let k = 0; k < nj; k++) global[ni + k] = plan.perm[plan.start[cj] + k];
  const dec = new Float64Array(l);
  const labels = Int8Array.from({ length: l }, (_, k) => (k < ni ? 1 : -1));
  for (let f = 0; f < FOLDS; f++) {
    const [begin, end] = foldBounds(f, l);
    const neg: number[] = [];
    const pos: number[] = [];
    for (let k = 0; k < l; k++) if (k < begin || k >= end) (perm[k] < ni ? pos : neg).push(perm[k]);
    if (pos.length === 0 || neg.length === 0) {
      // A fold without one of the classes: every held-out sample gets that class's side (0 when no sample trains).
      const v = pos.length === 0 && neg.length === 0 ? 0 : pos.length > 0 ? 1 : -1;
      for (let k = begin; k < end; k++) dec[perm[k]] = v;
      continue;
    }
    const order = [...neg, ...pos];
    const samples = Int32Array.from(order, (k) => global[k]);
    const y = Int8Array.from(order, (k) => (k < ni ? -1 : 1));
    const sol = solveSamples(rows, samples, y, opts, memory);
    const sv: number[] = [];
    for (let k = 0; k < order.length; k++) if (sol.coef[k] !== 0) sv.push(k);
    const svSamples = Int32Array.from(sv, (k) => samples[k]);
    const kv = new Float64Array(sv.length);
    for (let k = begin; k < end; k++) {
      rows.exact(global[perm[k]], svSamples, 0, sv.length, kv);
      let sum = 0;
      for (let s = 0; s < sv.length; s++) sum += sol.coef[sv[s]] * kv[s];
      // The fold model's positive side is class j (sorted first): turn it to class i's.
      dec[perm[k]] = -(sum - sol.rho);
    }
  }
  return sigmoidTrain(dec, labels);
}
