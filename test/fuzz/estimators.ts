/**
 * Property-based fuzzing (fast-check) of every registered estimator's and
 * transformer's input handling: feature matrices of any shape (ragged rows,
 * empty ones), values from small integers to ±1e308, subnormals, NaN and
 * ±Infinity, things that are not numbers; labels of every kind. Invalid input
 * must end in a clean error; a fit that succeeds must give predictions among
 * its classes (or finite transforms) for valid queries.
 */
import fc from 'fast-check';
import { Matrix, modelRegistry, predictWithConfidence, TemplateMatcher, KNeighborsClassifier, SVC, type Classifier, type Transformer } from '../../src/index.js';
import { runCase, type CaseResult } from './outcome.js';

const SPECIAL = [NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, -5e-324, 1e150, -1e150, 1.0000001e150, 0, -0, 2 ** 53];
const num = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 16 }) }, { weight: 2, arbitrary: fc.double() }, { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) });
const notNumber = fc.constantFrom<unknown>('1', '', null, undefined, true, [1], {});
const cell = fc.oneof({ weight: 40, arbitrary: num as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: notNumber });

/** `arb` once in `n` draws, else null. */
const rarely = <T>(arb: fc.Arbitrary<T>, n: number) => fc.oneof({ weight: 1, arbitrary: arb.map((v) => ({ v })) }, { weight: n - 1, arbitrary: fc.constant(null) });

/** A feature input: rows of cells (maybe one row longer or shorter), as arrays, Float64Array rows or a Matrix. */
export const featuresArb = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.oneof(fc.constantFrom(4, 9, 16, 25, 64, 576), fc.integer({ min: 0, max: 10 })), fc.boolean())
  .chain(([n, d, clean]) =>
    fc.record({
      // Half the inputs hold only small integers, so that fits succeed and predictions get fuzzed too.
      rows: fc.array(fc.array(clean ? (fc.integer({ min: 0, max: 16 }) as fc.Arbitrary<unknown>) : cell, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
      ragged: clean ? fc.constant(null) : rarely(fc.tuple(fc.nat(), fc.constantFrom(-1, 1)), 10),
      form: fc.constantFrom('arrays', 'typed', 'matrix'),
      weird: clean ? fc.constant(null) : rarely(fc.constantFrom<unknown>(null, 'X', 3, [], [[]], new Float64Array(4)), 30),
    }),
  )
  .map(({ rows, ragged: raggedOr, form, weird }) => {
    if (weird !== null) return weird.v;
    const ragged = raggedOr?.v;
    if (ragged && rows.length) {
      const r = rows[ragged[0] % rows.length];
      if (ragged[1] < 0) r.pop();
      else r.push(1);
    }
    const numeric = rows.every((r) => r.every((v) => typeof v === 'number'));
    const rect = rows.every((r) => r.length === (rows[0]?.length ?? 0));
    if (form === 'typed' && numeric) return rows.map((r) => Float64Array.from(r as number[]));
    if (form === 'matrix' && numeric && rect && rows.length) return Matrix.fromArray(rows as number[][]);
    return rows;
  });

const label = fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 0, max: 3 }) as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.constantFrom<unknown>(-1, 2 ** 31, -(2 ** 31) - 1, 1.5, NaN, '1', null, 2 ** 53, -7) });

/** Labels for n rows: usually n of them, sometimes one more or one less, or not an array at all. */
const labelsArb = (n: number) =>
  fc.oneof(
    { weight: 20, arbitrary: fc.array(label, { minLength: n, maxLength: n }) },
    { weight: 1, arbitrary: fc.array(label, { minLength: Math.max(0, n - 1), maxLength: n + 1 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'y', 5, Int32Array.of(1, 2)) },
  );

/** The rows of a feature input as number arrays, or null when it is not a valid one (the oracle, independent of toMatrix). */
function validRows(X: unknown): number[][] | null {
  const rows = X instanceof Matrix ? X.toArray() : X;
  if (!Array.isArray(rows) || rows.length === 0) return null;
  const out: number[][] = [];
  for (const r of rows) {
    if (!Array.isArray(r) && !(r instanceof Float64Array)) return null;
    const a = Array.from(r as ArrayLike<unknown>);
    if (a.length === 0 || a.length !== (out[0]?.length ?? a.length)) return null;
    if (!a.every((v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e150)) return null;
    out.push(a as number[]);
  }
  return out;
}

function validLabels(y: unknown, n: number): boolean {
  return (Array.isArray(y) || y instanceof Int32Array) && y.length === n && Array.from(y as ArrayLike<unknown>).every((v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2 ** 31 - 1);
}

/** The models whose input handling is fuzzed: every registered classifier and transformer, with its defaults and some other settings. */
export function fuzzedModels(): { name: string; make: () => Classifier | Transformer; kind: 'classifier' | 'transformer' }[] {
  const registered = modelRegistry()
    .filter((e) => e.kind !== 'composite')
    .map((e) => ({ name: e.name, make: () => e.create!() as Classifier | Transformer, kind: e.kind as 'classifier' | 'transformer' }));
  return [
    ...registered,
    { name: 'SVC (linear)', make: () => new SVC({ kernel: 'linear' }), kind: 'classifier' },
    { name: 'SVC (probability)', make: () => new SVC({ probability: true, randomState: 0 }), kind: 'classifier' },
    { name: 'KNeighborsClassifier (k=1, correlation)', make: () => new KNeighborsClassifier({ nNeighbors: 1, metric: 'correlation' }), kind: 'classifier' },
    { name: 'TemplateMatcher (all, k=2, maxShift=1)', make: () => new TemplateMatcher({ mode: 'all', k: 2, maxShift: 1 }), kind: 'classifier' },
  ];
}

/** One property case for `model`: fit on (X, y), then predict or transform X2. */
export function estimatorCase(model: ReturnType<typeof fuzzedModels>[number], input: { X: unknown; y: unknown; X2: unknown }): CaseResult {
  const { X, y, X2 } = input;
  const rows = validRows(X);
  const valid = rows !== null && (model.kind === 'transformer' || validLabels(y, rows.length));
  const prefix = new RegExp(`^${model.make().constructor.name}\\.(fit|predict|transform): `);
  const m = model.make();
  let fitted = false;
  const fit = runCase(
    () => (model.kind === 'classifier' ? (m as Classifier).fit(X as never, y as never) : (m as Transformer).fit(X as never)),
    (r) => {
      fitted = true;
      return (r === m && valid) || 'fit accepted input that should have been refused';
    },
    prefix,
  );
  if (!fitted || fit.outcome !== 'right') return fit;
  const rows2 = validRows(X2);
  const d = rows![0].length;
  const queryValid = rows2 !== null && rows2[0].length === d;
  return runCase(
    () => (model.kind === 'classifier' ? (m as Classifier).predict(X2 as never) : (m as Transformer).transform(X2 as never)),
    (r) => {
      if (!queryValid) return 'predict accepted queries that should have been refused';
      if (r instanceof Int32Array) {
        const classes = new Set((m as Classifier).classes);
        if (!(r.length === rows2!.length && r.every((v) => classes.has(v)))) return 'predictions outside the classes';
        return probabilitiesHold(m as Classifier, X2, r);
      }
      return ((r as Matrix).rows === rows2!.length && (r as Matrix).data.every(Number.isFinite)) || 'a transform with non-finite values';
    },
    prefix,
  );
}

/** Where the model gives probabilities: the same labels as predict, rows of probabilities in [0, 1] summing to 1. */
function probabilitiesHold(m: Classifier, X2: unknown, labels: Int32Array): true | string {
  const { labels: again, proba, confidence } = predictWithConfidence(m, Matrix.fromArray(validRows(X2)!));
  if (!again.every((v, i) => v === labels[i])) return 'predictWithConfidence disagrees with predict';
  if (proba === null) return true;
  for (let i = 0; i < proba.rows; i++) {
    let sum = 0;
    for (let j = 0; j < proba.cols; j++) {
      const p = proba.data[i * proba.cols + j];
      if (!(p >= 0 && p <= 1)) return `a probability of ${p}`;
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-9) return `probabilities summing to ${sum}`;
    if (!(confidence[i] >= 0 && confidence[i] <= 1)) return `a confidence of ${confidence[i]}`;
  }
  return true;
}

/** The fast-check arbitrary of one case's input. */
export const caseArb = featuresArb.chain((X) => {
  const n = Array.isArray(X) ? X.length : X instanceof Matrix ? X.rows : 0;
  return fc.record({ X: fc.constant(X), y: labelsArb(n), X2: fc.oneof(featuresArb, fc.constant(X)) });
});
