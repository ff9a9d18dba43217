/**
 * The HOG feature settings of the MNIST examples: how they are written,
 * built and described. `CHOSEN_HOG` is the setting that
 * `npm run example:mnist-hog-select` picked on the validation split.
 */
import { Deskew, HOG, type HOGParams, type Matrix } from '../src/index.js';

/** Optional deskewing, then one HOG. */
export interface FeatureSetting {
  deskew: boolean;
  hog: HOGParams;
}

/**
 * The best k=3 validation accuracy among the candidates of
 * examples/mnist-hog-select.ts (train 50,000 → validation 10,000); see the
 * README for the table.
 */
export const CHOSEN_HOG: FeatureSetting = {
  deskew: true,
  hog: { orientations: 9, pixelsPerCell: [4, 4], cellsPerBlock: [3, 3], blockNorm: 'L1-sqrt' },
};

/** For example "Deskew + HOG(9 bins, 4×4 cells, 3×3 blocks, L1-sqrt)". */
export function describeFeatures(s: FeatureSetting): string {
  const h = s.hog;
  const pair = (p: readonly number[] | undefined, d: number) => (p ? `${p[0]}×${p[1]}` : `${d}×${d}`);
  const hog = `HOG(${h.orientations ?? 9} bins, ${pair(h.pixelsPerCell, 8)} cells, ${pair(h.cellsPerBlock, 3)} blocks, ` +
    `${h.blockNorm ?? 'L2-Hys'}${h.transformSqrt ? ', sqrt' : ''})`;
  return s.deskew ? `Deskew + ${hog}` : hog;
}

/** The setting's features of the training and test images (28×28 rows), fitted on the training images. */
export function hogFeatures(s: FeatureSetting, train: Matrix, test: Matrix): { train: Matrix; test: Matrix } {
  let tr = train;
  let te = test;
  if (s.deskew) {
    const d = new Deskew().fit(tr);
    tr = d.transform(tr);
    te = d.transform(te);
  }
  const hog = new HOG(s.hog).fit(tr);
  return { train: hog.transform(tr), test: hog.transform(te) };
}
