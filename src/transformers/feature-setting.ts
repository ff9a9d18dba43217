/**
 * Feature settings of the k-NN + HOG models: optional deskewing, an optional
 * blur, then one HOG. `CHOSEN_HOG` is the MNIST setting that
 * `npm run example:mnist-hog-select` picked on the validation split;
 * `DIGITS_HOG` is the 8×8 digits' (which have room for 2×2-pixel cells only).
 * Used by the examples, the benchmark harness and `digitkit train`.
 */
import type { Transformer } from '../base/protocol.js';
import { Blur } from './blur-transformer.js';
import { Deskew } from './deskew-transformer.js';
import { HOG, type HOGParams } from './hog-transformer.js';

/** Optional deskewing, an optional blur (its radius), then one HOG. */
export interface FeatureSetting {
  deskew: boolean;
  blur?: number;
  hog: HOGParams;
}

/**
 * The best k=3 validation accuracy among the candidates of
 * examples/mnist-hog-select.ts (train 50,000 → validation 10,000); see the
 * README for the table.
 */
export const CHOSEN_HOG: FeatureSetting = {
  deskew: true,
  blur: 1,
  hog: { orientations: 9, pixelsPerCell: [4, 4], cellsPerBlock: [3, 3], blockNorm: 'L1-sqrt' },
};

/**
 * The RBF SVC on `CHOSEN_HOG` features, the best MNIST model: C and gamma
 * chosen by `npm run example:mnist-svc-hog-select` on the validation split
 * (99.34% there, trained on 50,000 images, against 99.04% for k-NN k=3 on the
 * same features); see the README.
 */
export const CHOSEN_HOG_SVC = { C: 5, gamma: 0.08 } as const;

/** The 8×8 digits' setting: deskewed, HOG on 2×2-pixel cells in 2×2-cell blocks. */
export const DIGITS_HOG: FeatureSetting = {
  deskew: true,
  hog: { pixelsPerCell: [2, 2], cellsPerBlock: [2, 2] },
};

/** For example "Deskew + HOG(9 bins, 4×4 cells, 3×3 blocks, L1-sqrt)". */
export function describeFeatures(s: FeatureSetting): string {
  const h = s.hog;
  const pair = (p: readonly number[] | undefined, d: number) => (p ? `${p[0]}×${p[1]}` : `${d}×${d}`);
  const hog = `HOG(${h.orientations ?? 9} bins, ${pair(h.pixelsPerCell, 8)} cells, ${pair(h.cellsPerBlock, 3)} blocks, ` +
    `${h.blockNorm ?? 'L2-Hys'}${h.transformSqrt ? ', sqrt' : ''})`;
  return [s.deskew ? 'Deskew' : '', s.blur ? `Blur(${s.blur})` : '', hog].filter(Boolean).join(' + ');
}

/** The setting's transformers, in order: for a pipeline, `makePipeline(...featureSteps(s), classifier)`. */
export function featureSteps(s: FeatureSetting): Transformer[] {
  const steps: Transformer[] = [];
  if (s.deskew) steps.push(new Deskew());
  if (s.blur) steps.push(new Blur({ radius: s.blur }));
  steps.push(new HOG(s.hog));
  return steps;
}
