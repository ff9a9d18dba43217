/** GridSearchCV: every parameter combination of a grid, cross-validated, the best refitted. */
import { describe, NotFittedError, paramMessage } from '../core/errors.js';
import type { Classifier } from '../base/protocol.js';
import { checkOptions } from '../core/options.js';
import { checkBoolean, toLabels, toMatrix, type FeatureInput, type LabelInput } from '../core/validation.js';
import { runCell, type CellData, type CellResult } from './cells.js';
import { clone, type ParamSet } from './clone.js';
import { resolveCv, type CvSpec } from './cv.js';
import { parameterGrid, type ParamGrid } from './param-grid.js';
import { bestIndex, buildCvResults, type CvResults } from './results.js';
import { resolveScoring, type Scoring, type SCORERS } from './scoring.js';

/** Options of {@link GridSearchCV}. */
export interface GridSearchCVOptions {
  /** A number of stratified folds (default 5, scikit-learn's `StratifiedKFold`), a splitter, or `{ train, test }` folds. */
  cv?: CvSpec;
  /** `'accuracy'` (default) or a function `(model, X, y) => number`; higher is better. */
  scoring?: Scoring;
  /** Fit the best candidate on all of X and y after the search (default true). */
  refit?: boolean;
  /** Also score each cell's model on its training samples (default false). */
  returnTrainScore?: boolean;
}

/** Options of {@link GridSearchCV.fit}. */
export interface GridSearchFitOptions {
  /** Called after each cell (candidate × fold) with the cells done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** A search's plan: the checked data, the candidates and the folds (`fit` and the threaded search run it). */
export interface GridSearchPlan extends CellData {
  candidates: ParamSet[];
  /** The scorer's name, null for a function. */
  scoringName: keyof typeof SCORERS | null;
}

interface Searched<M> {
  results: CvResults;
  bestIndex: number;
  bestEstimator: M | null;
  refitTime: number;
  nSplits: number;
}

/**
 * Exhaustive search over a parameter grid with cross-validation, as
 * scikit-learn's `GridSearchCV`: every candidate of the grid (or of each
 * grid of a list, see {@link parameterGrid}) is cross-validated on the same
 * folds; the results table follows `cv_results_`; the best candidate is the
 * one of highest mean test score, the first in grid order among equals; and
 * with `refit` it is fitted again on all the data.
 *
 * Works with any digitkit classifier or `Pipeline` (parameters
 * `step__param`). In Node, `gridSearchParallel` runs the cells on worker
 * threads with the same results.
 *
 * A cell whose fit fails (e.g. `C: -1` in the grid) stops the search with an
 * error of the same kind naming the candidate and the fold: scikit-learn's
 * `error_score='raise'`. (scikit-learn's default scores such a cell NaN and warns.)
 *
 * ```ts
 * const search = new GridSearchCV(new SVC(), { C: [1, 10, 100], gamma: [0.0001, 0.001, 0.01] }, { cv: 5 });
 * search.fit(XTrain, yTrain);
 * search.bestParams;   // { C: 10, gamma: 0.001 }
 * search.bestScore;    // mean CV accuracy of the best candidate
 * search.predict(XTest);
 * ```
 */
export class GridSearchCV<M extends Classifier = Classifier> {
  readonly estimator: M;
  readonly paramGrid: ParamGrid | readonly ParamGrid[];
  readonly cv: CvSpec | undefined;
  readonly scoring: Scoring;
  readonly refit: boolean;
  readonly returnTrainScore: boolean;

  /**
   * Checks the grid and the options; the data come at `fit`.
   * @param estimator the model to tune; it is cloned for every cell and never fitted itself.
   * @param paramGrid values to try per parameter name, or a list of such grids.
   * @param options `cv`, `scoring`, `refit`, `returnTrainScore`.
   * @throws TypeError / RangeError for a bad grid, a parameter name the estimator does not have, or a bad option.
   */
  constructor(estimator: M, paramGrid: ParamGrid | readonly ParamGrid[], options: GridSearchCVOptions = {}) {
    const where = 'GridSearchCV';
    const o = checkOptions(options, where, ['cv', 'scoring', 'refit', 'returnTrainScore']);
    if (estimator === null || typeof estimator !== 'object' || typeof estimator.fit !== 'function' || typeof estimator.predict !== 'function') {
      throw new TypeError(`${where}: argument 'estimator' must be a classifier (with fit, predict and getParams), got ${describe(estimator)}`);
    }
    // Every candidate must name parameters the estimator has: clone each once now, not after an hour of fitting.
    for (const params of parameterGrid(paramGrid, where)) clone(estimator, params, where);
    resolveScoring(o.scoring, where);
    const splitter = o.cv !== null && typeof o.cv === 'object' && typeof (o.cv as { split?: unknown }).split === 'function';
    if (o.cv !== undefined && typeof o.cv !== 'number' && !Array.isArray(o.cv) && !splitter) {
      throw new TypeError(paramMessage(where, 'cv', 'a number of folds, a splitter (with split(X, y)) or an array of { train, test } folds', o.cv));
    }
    this.estimator = estimator;
    this.paramGrid = paramGrid;
    this.cv = o.cv as CvSpec | undefined;
    this.scoring = (o.scoring ?? 'accuracy') as Scoring;
    this.refit = o.refit === undefined ? true : checkBoolean(o.refit, where, 'refit');
    this.returnTrainScore = o.returnTrainScore === undefined ? false : checkBoolean(o.returnTrainScore, where, 'returnTrainScore');
  }

  /** The search's settings. */
  getParams(): { estimator: M; paramGrid: ParamGrid | readonly ParamGrid[]; cv: CvSpec | undefined; scoring: Scoring; refit: boolean; returnTrainScore: boolean } {
    return { estimator: this.estimator, paramGrid: this.paramGrid, cv: this.cv, scoring: this.scoring, refit: this.refit, returnTrainScore: this.returnTrainScore };
  }

  /**
   * Cross-validates every candidate on the calling thread, then (with `refit`)
   * fits the best one on all of X and y.
   * @returns this
   * @throws TypeError / RangeError for bad X, y or folds; a failing cell throws an error naming it.
   */
  fit(X: FeatureInput, y: LabelInput, options: GridSearchFitOptions = {}): this {
    const where = 'GridSearchCV.fit';
    const { onProgress } = checkOptions(options, where, ['onProgress']) as GridSearchFitOptions;
    if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError(paramMessage(where, 'onProgress', 'a function', onProgress));
    const plan = planSearch(this, X, y, where);
    const total = plan.candidates.length * plan.folds.length;
    const nFolds = plan.folds.length;
    const cells: CellResult[] = [];
    for (let t = 0; t < total; t++) {
      // Cell t: candidate floor(t / nFolds) on fold t % nFolds.
      cells.push(runCell(this.estimator, plan.candidates[Math.floor(t / nFolds)], plan, t % nFolds, where).result);
      onProgress?.(t + 1, total);
    }
    const results = summarizeCells(plan, cells);
    let best: M | null = null;
    let refitTime = 0;
    if (this.refit) {
      const start = performance.now();
      best = clone(this.estimator, results.params[bestIndex(results)], where).fit(plan.X, plan.y);
      refitTime = (performance.now() - start) / 1000;
    }
    return finishSearch(this, plan, results, best, refitTime);
  }

  /** The results table, in the shape of scikit-learn's `cv_results_`. */
  get cvResults(): CvResults {
    return this.searched('cvResults').results;
  }
  /** The index of the best candidate in `cvResults` (the first of rank 1). */
  get bestIndex(): number {
    return this.searched('bestIndex').bestIndex;
  }
  /** The best candidate's parameters. */
  get bestParams(): ParamSet {
    const s = this.searched('bestParams');
    return { ...s.results.params[s.bestIndex] };
  }
  /** The best candidate's mean test score. */
  get bestScore(): number {
    const s = this.searched('bestScore');
    return s.results.meanTestScore[s.bestIndex];
  }
  /** The best candidate fitted on all the data (needs `refit`). */
  get bestEstimator(): M {
    const s = this.searched('bestEstimator');
    if (!s.bestEstimator) throw new NotFittedError('GridSearchCV.bestEstimator: this search ran with refit: false, so no model was refitted');
    return s.bestEstimator;
  }
  /** Seconds spent refitting the best model. */
  get refitTime(): number {
    return this.searched('refitTime').refitTime;
  }
  /** The number of folds each candidate was cross-validated on. */
  get nSplits(): number {
    return this.searched('nSplits').nSplits;
  }
  /** The refitted model's classes. */
  get classes(): Int32Array {
    return this.bestEstimator.classes;
  }

  /** The refitted best model's predictions. */
  predict(X: FeatureInput): Int32Array {
    return this.bestEstimator.predict(X);
  }

  /** The refitted best model scored on X and y with the search's scoring. */
  score(X: FeatureInput, y: LabelInput): number {
    const where = 'GridSearchCV.score';
    const best = this.bestEstimator;
    const Xm = toMatrix(X, where);
    return resolveScoring(this.scoring, where).scorer(best, Xm, toLabels(y, where, Xm.rows));
  }

  private searched(what: string): Searched<M> {
    const s = searches.get(this);
    if (!s) throw new NotFittedError(`GridSearchCV.${what}: this search has not run yet; call fit(X, y) first`);
    return s as Searched<M>;
  }
}

// What a search found, beside the search: the threaded search (grid-search-parallel.ts) keeps it too.
const searches = new WeakMap<GridSearchCV<Classifier>, Searched<Classifier>>();

/** Checks X, y and the search's options and lists the candidates and folds. */
export function planSearch(search: GridSearchCV<Classifier>, X: FeatureInput, y: LabelInput, where: string): GridSearchPlan {
  const Xm = toMatrix(X, where);
  const labels = toLabels(y, where, Xm.rows);
  const { scorer, name } = resolveScoring(search.scoring, where);
  return {
    X: Xm,
    y: labels,
    folds: resolveCv(search.cv, Xm, labels, where),
    scorer,
    scoringName: name,
    returnTrainScore: search.returnTrainScore,
    candidates: parameterGrid(search.paramGrid, where),
  };
}

/** The table of a search's cells (`cells[i * nFolds + k]`: candidate i on fold k). */
export function summarizeCells(plan: GridSearchPlan, cells: CellResult[]): CvResults {
  return buildCvResults(plan.candidates, cells, plan.folds.length, plan.returnTrainScore);
}

/** Keeps a finished search: its table and the refitted best model (null without refit). */
export function finishSearch<S extends GridSearchCV<Classifier>>(search: S, plan: GridSearchPlan, results: CvResults, best: Classifier | null, refitTime: number): S {
  searches.set(search, { results, bestIndex: bestIndex(results), bestEstimator: best, refitTime, nSplits: plan.folds.length });
  return search;
}
