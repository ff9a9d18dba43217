/**
 * C/gamma tuning of the RBF SVC on the 8×8 digits, as `examples/tune-c-gamma.ts`
 * runs it (and, later, a `digitkit tune` command): a grid search with
 * stratified k-fold cross-validation on scikit-learn's example training half,
 * the table of mean CV accuracy, the best pair, the refit model's test
 * accuracy, and a heatmap PNG like scikit-learn's "RBF SVM parameters" figure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProgressCallback } from '../core/progress.js';
import { heatmapPng } from '../plots/heatmap.js';
import { GridSearchCV } from '../model-selection/grid-search.js';
import { scoreGrid, type CvResults, type ScoreGrid } from '../model-selection/results.js';
import { trainTestSplit } from '../model-selection/split.js';
import { SVC } from '../svm/svc.js';
import { loadDigits } from '../datasets/load-digits.js';
import { gridSearchParallel } from '../model-selection/grid-search-parallel.js';
import type { GridAxis, TuneOptions } from './tune-args.js';

/** What {@link runTune} did. */
export interface TuneResult {
  search: GridSearchCV<SVC>;
  /** Mean CV accuracy, C rows × gamma columns. */
  grid: ScoreGrid;
  testAccuracy: number;
  /** Wall time of the search (every cell and the refit), in seconds. */
  searchSeconds: number;
  /** The files written. */
  files: string[];
}

/**
 * Runs the tuning and reports each step through `log` (default `console.log`);
 * `onProgress(done, total)` counts the grid's cells (candidate × fold) as they finish.
 * @throws what GridSearchCV throws (a failing cell is named) and file-system errors.
 */
export async function runTune(options: TuneOptions, log: (line: string) => void = console.log, onProgress?: ProgressCallback): Promise<TuneResult> {
  const digits = loadDigits();
  // scikit-learn's example split: the first half trains, the second half tests.
  const { XTrain, XTest, yTrain, yTest } = trainTestSplit(digits.data, digits.target, { testSize: 0.5, shuffle: false });
  const { C, gamma, folds, jobs } = options;
  const cells = C.values.length * gamma.values.length;
  log(`Tuning SVC (RBF) on the 8×8 digits: ${XTrain.rows} training digits (the first half), ${XTest.rows} test digits kept aside`);
  log(
    `Grid: ${C.values.length} C × ${gamma.values.length} gamma = ${cells} candidates, ${folds}-fold stratified CV = ${cells * folds} fits, ` +
      (jobs === 1 ? 'on the calling thread' : `on ${jobs} worker threads`),
  );

  const search = new GridSearchCV(new SVC(), { C: C.values, gamma: gamma.values }, { cv: folds });
  const start = performance.now();
  await gridSearchParallel(search, XTrain, yTrain, { nJobs: jobs, onProgress });
  const searchSeconds = (performance.now() - start) / 1000;
  const grid = scoreGrid(search.cvResults, 'C', 'gamma');

  log('');
  log(`Mean ${folds}-fold CV accuracy (rows C, columns gamma; * the best):`);
  for (const line of formatScoreTable(grid, C, gamma, 'C', 'gamma', search.bestParams)) log(line);
  log('');
  log(describeBest(search.cvResults, search.bestIndex));
  const testAccuracy = search.score(XTest, yTest);
  const right = Math.round(testAccuracy * XTest.rows);
  log(`Refit on all ${XTrain.rows} training digits: test accuracy ${testAccuracy.toFixed(4)} (${right} of ${XTest.rows} test digits)`);
  log(`Search wall time ${searchSeconds.toFixed(2)} s (${cells * folds} fits and the refit)`);

  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const png = join(out, 'c-gamma-heatmap.png');
  const bytes = tuneHeatmapPng(grid, C, gamma, folds);
  writeFileSync(png, bytes);
  // The size from the PNG header (IHDR: width, then height, big-endian, from byte 16).
  const header = new DataView(bytes.buffer, bytes.byteOffset, 24);
  log(`wrote ${png} (${header.getUint32(16)}×${header.getUint32(20)} pixels)`);
  const json = join(out, 'cv-results.json');
  writeFileSync(json, JSON.stringify(resultsJson(search, testAccuracy, searchSeconds), null, 1) + '\n');
  log(`wrote ${json}`);
  return { search, grid, testAccuracy, searchSeconds, files: [png, json] };
}

/**
 * The heatmap of a C × gamma score grid: gamma along the bottom, C up the side,
 * a colour scale, and each cell's accuracy written in it.
 */
export function tuneHeatmapPng(grid: ScoreGrid, C: GridAxis, gamma: GridAxis, folds: number): Uint8Array {
  return heatmapPng(grid.values, {
    rowLabels: C.labels,
    colLabels: gamma.labels,
    rowTitle: 'C',
    colTitle: 'gamma',
    title: `Validation accuracy (${folds}-fold CV)`,
    valueFormat: (v) => v.toFixed(3),
    // Many cells: their values would not fit; the colour scale tells them.
    showValues: C.values.length * gamma.values.length <= 64,
  });
}

/**
 * A score grid as text lines: a header of column labels, then one line per row
 * with its label and scores to 4 decimals (`—` where there is none), the best
 * cell marked `*`.
 */
export function formatScoreTable(grid: ScoreGrid, rows: GridAxis, cols: GridAxis, rowName: string, colName: string, best: Record<string, unknown>): string[] {
  const label = (axis: GridAxis, v: unknown): string => axis.labels[axis.values.indexOf(v as number)] ?? String(v);
  const corner = `${rowName} \\ ${colName}`;
  const rowLabels = grid.rowValues.map((v) => label(rows, v));
  const first = Math.max(corner.length, ...rowLabels.map((l) => l.length));
  const width = Math.max(7, ...grid.colValues.map((v) => label(cols, v).length)) + 1;
  const lines = [corner.padStart(first) + grid.colValues.map((v) => label(cols, v).padStart(width) + ' ').join('').trimEnd()];
  grid.values.forEach((row, r) => {
    const cells = row.map((score, c) => {
      const mark = grid.rowValues[r] === best[rowName] && grid.colValues[c] === best[colName] ? '*' : ' ';
      return (Number.isNaN(score) ? '—' : score.toFixed(4)).padStart(width) + mark;
    });
    lines.push((rowLabels[r].padStart(first) + cells.join('')).trimEnd());
  });
  return lines;
}

/** `Best: C=10, gamma=0.001: mean CV accuracy 0.9600 (std 0.0341); ties: …`. */
export function describeBest(results: CvResults, best: number): string {
  const show = (i: number): string => Object.entries(results.params[i]).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  const ties = results.params.map((_, i) => i).filter((i) => i !== best && results.rankTestScore[i] === 1);
  return (
    `Best: ${show(best)}: mean CV accuracy ${results.meanTestScore[best].toFixed(4)} (std ${results.stdTestScore[best].toFixed(4)})` +
    (ties.length ? `; tied with ${ties.map(show).join('; ')} (the first in grid order wins, as in scikit-learn)` : '')
  );
}

function resultsJson(search: GridSearchCV<SVC>, testAccuracy: number, searchSeconds: number): unknown {
  const r = search.cvResults;
  return {
    bestParams: search.bestParams,
    bestScore: search.bestScore,
    testAccuracy,
    searchSeconds,
    candidates: r.params.map((params, i) => ({
      params,
      meanTestScore: r.meanTestScore[i],
      stdTestScore: r.stdTestScore[i],
      rankTestScore: r.rankTestScore[i],
      splitTestScores: r.splitTestScores.map((s) => s[i]),
      meanFitTime: r.meanFitTime[i],
    })),
  };
}
