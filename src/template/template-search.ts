/**
 * The steps of a TemplateMatcher prediction, shared by the matcher and its
 * threaded prediction (threads.ts): a validated match plan (with the pruned
 * search over the references when it pays off), and the vote of the best matches.
 */
import { learnedState } from '../base/estimator.js';
import type { Matrix } from '../core/matrix.js';
import { checkFeatureCount, toMatrix, type FeatureInput } from '../core/validation.js';
import { buildBoundIndex, type BoundIndex } from '../neighbors/bounded-search.js';
import type { PreparedRows } from '../neighbors/metric.js';
import { shiftList, type ScanInput } from './correlate.js';
import { referenceRows, type MatchPlan, type TopMatches } from './pruned-matches.js';
import type { TemplateMatcher } from './template-matcher.js';

/** What a TemplateMatcher learns. */
export interface TemplateState {
  classes: Int32Array;
  nFeatures: number;
  /** Image size, 0 × 0 when the features are not an image (only allowed with maxShift 0). */
  width: number;
  height: number;
  /** The mean training image of each class, nClasses × nFeatures. */
  templates: Matrix;
  /** References centred and scaled to unit length, row-major nRefs × nFeatures. */
  refs: Float64Array;
  nRefs: number;
  /** Class index of each reference. */
  refClass: Int32Array;
  /** The pruned search over the references ('all' mode, large sets), built on first use (never saved: rebuilt the same). */
  pruned: { rows: PreparedRows; index: BoundIndex } | null;
}

/** References and queries in one call from which `predict` and `bestMatch` use the pruned search. */
const PRUNED_MIN_REFERENCES = 4096;
const PRUNED_MIN_QUERIES = 200;

/** The rows of X (checked) as the correlation scan reads them, against the matcher's references. */
export function scanInput(tm: TemplateMatcher, X: FeatureInput, where: string): ScanInput {
  const s = learnedState<TemplateState>(tm, where.slice(where.indexOf('.') + 1));
  const Xm = toMatrix(X, where);
  checkFeatureCount(Xm, s.nFeatures, where);
  return {
    queries: Xm.data,
    nQueries: Xm.rows,
    refs: s.refs,
    nRefs: s.nRefs,
    d: s.nFeatures,
    refClass: s.refClass,
    nClasses: s.classes.length,
    k: tm.mode === 'all' ? tm.k : 1,
    shifts: shiftList(tm.maxShift),
    width: s.width,
    height: s.height,
  };
}

/**
 * The validated search for the k best references of each row of X: the
 * pruned search on large 'all' sets (building it on first use, unless
 * `deferIndex`: the threaded prediction builds it on threads), else the full scan.
 */
export function planMatches(tm: TemplateMatcher, X: FeatureInput, where: string, deferIndex = false): MatchPlan {
  const s = learnedState<TemplateState>(tm, where.slice(where.indexOf('.') + 1));
  const input = scanInput(tm, X, where);
  const rows = deferIndex ? null : indexRowsToBuild(tm, input.nQueries);
  if (rows) s.pruned = { rows, index: buildBoundIndex(rows) };
  return { input, pruned: tm.mode === 'all' ? s.pruned : null };
}

/** The references as the pruned search reads them, when a call of `nQueries` queries should first build its index (else null). */
export function indexRowsToBuild(tm: TemplateMatcher, nQueries: number): PreparedRows | null {
  const s = learnedState<TemplateState>(tm, 'predict');
  const wanted = tm.mode === 'all' && !s.pruned && s.nRefs >= PRUNED_MIN_REFERENCES && nQueries >= PRUNED_MIN_QUERIES;
  return wanted ? referenceRows(s.refs, s.nRefs, s.nFeatures) : null;
}

/** Keeps an index built elsewhere (on worker threads) from `indexRowsToBuild()`'s rows. */
export function adoptIndex(tm: TemplateMatcher, rows: PreparedRows, index: BoundIndex): void {
  learnedState<TemplateState>(tm, 'predict').pruned = { rows, index };
}

/** The predictions from the k best references of each query: the best one's class, or the vote of the k (smallest label on a tie). */
export function predictFromMatches(tm: TemplateMatcher, r: TopMatches): Int32Array {
  const s = learnedState<TemplateState>(tm, 'predict');
  const n = r.topCorr.length / r.k;
  const out = new Int32Array(n);
  const votes = new Int32Array(s.classes.length);
  for (let i = 0; i < n; i++) {
    if (r.k === 1) {
      out[i] = s.classes[s.refClass[r.topIndex[i]]];
      continue;
    }
    votes.fill(0);
    for (let j = 0; j < r.k; j++) votes[s.refClass[r.topIndex[i * r.k + j]]]++;
    let best = 0;
    for (let c = 1; c < votes.length; c++) if (votes[c] > votes[best]) best = c;
    out[i] = s.classes[best];
  }
  return out;
}
