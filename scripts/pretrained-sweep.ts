/**
 * The validation runs behind the shipped model's recipe (scripts/train-pretrained.ts):
 * one run per call, trained on the MNIST 'train' split (or its first `n` images)
 * and scored on the validation split, never on the test set.
 *
 *   npx tsx scripts/pretrained-sweep.ts '{"k":96,"gamma":0.1,"copies":1}'
 *
 * Settings (JSON): n (training images, default 50,000), k (PCA components,
 * default 64), C (5), gamma (0.08), copies (augmented copies of each image, 0).
 * To keep a sweep fast, the PCA axes are fitted once on the features of the
 * first 10,000 training images (256 axes) and each set's projections are
 * cached in `.cache/pretrained-sweep/`; the SVC is fitted without
 * probabilities (they do not change `predict`, the one-vs-one vote). Prints one JSON line.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Matrix, PCA, SVC, augmentImages, fitParallel, loadMnistSync, predictParallel, saveModelFile, loadModelFile } from '../src/index.js';
import { CHOSEN_HOG, featureSteps } from '../src/transformers/feature-setting.js';

const a = JSON.parse(process.argv[2] ?? '{}') as { n?: number; k?: number; C?: number; gamma?: number; copies?: number };
const n = a.n ?? 50000, k = a.k ?? 64, C = a.C ?? 5, gamma = a.gamma ?? 0.08, copies = a.copies ?? 0;
const AXES = 256;
const dir = '.cache/pretrained-sweep';
mkdirSync(dir, { recursive: true });

const features = (X: Matrix): Matrix => featureSteps(CHOSEN_HOG).reduce((M, s) => s.fit(M).transform(M), X);
const pcaFile = `${dir}/pca-10000.dkm`;
if (!existsSync(pcaFile)) saveModelFile(new PCA({ nComponents: AXES }).fit(features(loadMnistSync({ split: 'train', limit: 10000 }).features)), pcaFile);
const pca = loadModelFile(pcaFile) as PCA;

/** The projections on the 256 axes, from the cache or computed and cached. */
function projected(name: string, images: () => Matrix): Matrix {
  const file = `${dir}/${name}.f64`;
  if (existsSync(file)) {
    const b = readFileSync(file);
    return new Matrix(b.length / 8 / AXES, AXES, new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length)));
  }
  const P = pca.transform(features(images()));
  writeFileSync(file, P.data);
  return P;
}
const firstK = (M: Matrix) => {
  const out = new Matrix(M.rows, k);
  for (let i = 0; i < M.rows; i++) out.data.set(M.data.subarray(i * AXES, i * AXES + k), i * k);
  return out;
};

const train = loadMnistSync({ split: 'train', limit: n });
const val = loadMnistSync({ split: 'validation' });
const parts = [projected(`train-${n}`, () => train.features)];
for (let c = 1; c <= copies; c++) {
  parts.push(projected(`copy-${n}-seed${c}`, () => augmentImages(train.features, train.labels, { copies: 1, seed: c, includeOriginals: false }).X));
}
const X = new Matrix(n * parts.length, k);
const y = new Int32Array(n * parts.length);
parts.forEach((P, c) => {
  X.data.set(firstK(P).data, c * n * k);
  y.set(train.labels, c * n);
});
const svc = new SVC({ C, gamma });
const t = performance.now();
await fitParallel(svc, X, y);
const fit = (performance.now() - t) / 1000;
const predicted = await predictParallel(svc, firstK(projected('validation', () => val.features)));
const right = predicted.filter((v, i) => v === val.labels[i]).length;
console.log(JSON.stringify({ n, k, C, gamma, copies, rows: X.rows, fitSeconds: Number(fit.toFixed(1)), supportVectors: svc.supportVectors.rows, validation: right / val.labels.length }));
