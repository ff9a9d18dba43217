/**
 * The page's Web Worker: reading (the shipped model, loaded once) and the
 * tuning view's SVC fits, off the page's thread so that drawing never freezes.
 */
import {
  SVC,
  accuracyScore,
  confusionMatrix,
  crossValScore,
  gunzip,
  loadPretrainedModel,
  parseDigitsCsv,
  readDigits,
  readPicture,
  trainTestSplit,
  type Classifier,
  type GreyImage,
  type Matrix,
} from '../../browser.js';
import { toApiJson } from '../api-json.js';
import type { FromWorker, ToWorker } from './protocol.js';

interface WorkerScope {
  onmessage: ((e: { data: ToWorker }) => void) | null;
  postMessage(message: FromWorker, transfer?: ArrayBuffer[]): void;
}
const scope = self as unknown as WorkerScope;
const post = (m: FromWorker, transfer?: ArrayBuffer[]): void => scope.postMessage(m, transfer);

let model: Promise<Classifier> | undefined;
let digitsUrl = 'datasets/digits.csv.gz';
let digits: Promise<{ X: Matrix; y: Int32Array }> | undefined;

async function read(m: Extract<ToWorker, { type: 'read' | 'readBytes' }>): Promise<void> {
  const t0 = performance.now();
  const classifier = await model!;
  const image: GreyImage = m.type === 'read' ? m.image : readPicture(m.bytes);
  const read = readDigits(image, classifier, { minConfidence: m.minConfidence, inputs: true });
  const result = toApiJson(read);
  // The 28×28 images the model saw, as 784 bytes each, one per character (null for a separator).
  const inputs = read.characters.map((c) => (c.kind === 'digit' && c.input ? Uint8Array.from(c.input, (v) => Math.round(v * 255)) : null));
  let preview: { width: number; height: number; grey: Uint8Array } | undefined;
  if (m.type === 'readBytes') {
    // A file's picture, as grey bytes, for the page to draw the boxes on.
    const grey = new Uint8Array(image.width * image.height);
    for (let i = 0; i < grey.length; i++) grey[i] = Math.round(image.data[i] * 255);
    preview = { width: image.width, height: image.height, grey };
  }
  post({ type: 'result', id: m.id, ms: performance.now() - t0, result, inputs, preview });
}

/** The 8×8 digits, fetched once. */
function loadDigitsData(): Promise<{ X: Matrix; y: Int32Array }> {
  digits ??= (async () => {
    const response = await fetch(digitsUrl);
    if (!response.ok) throw new Error(`cannot fetch ${digitsUrl}: HTTP ${response.status}`);
    const gz = new Uint8Array(await response.arrayBuffer());
    const table = parseDigitsCsv(new TextDecoder().decode(gunzip(gz, 'digits.csv.gz')), 'digits.csv.gz');
    return { X: table.images.toMatrix(), y: table.target };
  })();
  return digits;
}

/** scikit-learn's example: the first half of the digits trains, the second half tests. */
async function fit(C: number, gamma: number): Promise<void> {
  const t0 = performance.now();
  const { X, y } = await loadDigitsData();
  const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.5, shuffle: false });
  const predicted = new SVC({ C, gamma }).fit(XTrain, yTrain).predict(XTest);
  post({
    type: 'fitted', C, gamma,
    accuracy: accuracyScore(yTest, predicted),
    confusion: confusionMatrix(yTest, predicted),
    nTrain: XTrain.rows, nTest: XTest.rows, ms: performance.now() - t0,
  });
}

/** The cross-validated C × gamma grid on the example's training half, one cell at a time so that progress shows. */
async function grid(Cs: number[], gammas: number[], folds: number): Promise<void> {
  const t0 = performance.now();
  const { X, y } = await loadDigitsData();
  const { XTrain, yTrain } = trainTestSplit(X, y, { testSize: 0.5, shuffle: false });
  let best = { C: NaN, gamma: NaN, score: -1 };
  const total = Cs.length * gammas.length;
  let done = 0;
  for (let i = 0; i < Cs.length; i++) {
    for (let j = 0; j < gammas.length; j++) {
      const scores = crossValScore(new SVC({ C: Cs[i], gamma: gammas[j] }), XTrain, yTrain, { cv: folds });
      const score = scores.reduce((s, v) => s + v, 0) / scores.length;
      if (score > best.score) best = { C: Cs[i], gamma: gammas[j], score };
      post({ type: 'gridCell', i, j, score, done: ++done, total });
    }
  }
  post({ type: 'gridDone', ms: performance.now() - t0, best });
}

scope.onmessage = (e) => {
  const m = e.data;
  const fail = (err: unknown) => post({ type: 'error', id: 'id' in m ? m.id : undefined, message: (err as Error)?.message ?? String(err) });
  try {
    switch (m.type) {
      case 'init': {
        digitsUrl = m.digitsUrl;
        // The tuning view's worker is given no model: it only fits SVCs on the 8×8 digits.
        if (m.modelUrl === '') break;
        const t0 = performance.now();
        model = loadPretrainedModel({ url: m.modelUrl });
        model.then(() => post({ type: 'ready', ms: performance.now() - t0 }), fail);
        break;
      }
      case 'read':
      case 'readBytes':
        read(m).catch(fail);
        break;
      case 'fit':
        fit(m.C, m.gamma).catch(fail);
        break;
      case 'grid':
        grid(m.Cs, m.gammas, m.folds).catch(fail);
        break;
    }
  } catch (err) {
    fail(err);
  }
};
