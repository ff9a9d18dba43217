/**
 * The model that ships with the package (`models/mnist-hog-pca-svc.dkm`): an
 * SVC with probabilities on Deskew → Blur → HOG → PCA features, trained on
 * MNIST by `npm run train:pretrained` (see `models/README.md` for how it was
 * made and its license). It lets `readDigits(png)` and `digitkit predict`
 * read handwriting with no model of the user's own.
 *
 * One copy is kept once loaded: every caller shares it. In Node the file is
 * read synchronously the first time it is needed (`load-pretrained-node.ts`
 * registers that reader); a browser fetches it with `loadPretrainedModel()`.
 */
import { isClassifier, type Classifier } from '../base/protocol.js';
import { modelFromBytes } from '../persistence/model-file.js';
import { describe } from '../core/errors.js';

/** The shipped model's file name, in the package's `models/` folder. */
export const PRETRAINED_MODEL_FILE = 'mnist-hog-pca-svc.dkm';

/** Where the shipped model lies, relative to this module (`src/pretrained/` or `dist/pretrained/`). */
export const pretrainedModelUrl = (): URL => new URL(`../../models/${PRETRAINED_MODEL_FILE}`, import.meta.url);

let shared: Classifier | undefined;
let readSync: (() => Uint8Array) | undefined;

/** Registers the synchronous reader of the model file (Node's entry does; not exported by the package). */
export function setPretrainedReader(read: () => Uint8Array): void {
  readSync = read;
}

/**
 * The shipped model from its file's bytes; a damaged file is refused by the
 * model file's checksums. Exported for the tests (not by the package).
 */
export function pretrainedFromBytes(bytes: Uint8Array, where: string): Classifier {
  let model: unknown;
  try {
    model = modelFromBytes(bytes);
  } catch (e) {
    throw new Error(`${where}: the shipped model file ${PRETRAINED_MODEL_FILE} cannot be read (${(e as Error).message}); reinstall digitkit`);
  }
  if (!isClassifier(model)) throw new Error(`${where}: the shipped model file ${PRETRAINED_MODEL_FILE} holds ${describe(model)}, not a classifier; reinstall digitkit`);
  return model;
}

/**
 * The shipped model, loaded once: what `readDigits` uses when no model is
 * given. In Node it is read from the package on first use; in a browser it
 * must have been loaded with {@link loadPretrainedModel} first.
 * @throws Error when it is not loaded and cannot be read synchronously (a browser before `loadPretrainedModel()`), or the file is damaged.
 */
export function pretrainedModelSync(where: string): Classifier {
  if (shared) return shared;
  if (!readSync) {
    throw new Error(`${where}: no model was given and the shipped model is not loaded; in a browser, call 'await loadPretrainedModel()' once first, or pass a model`);
  }
  let bytes: Uint8Array;
  try {
    bytes = readSync();
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
  shared = pretrainedFromBytes(bytes, where);
  return shared;
}

/** Options of {@link loadPretrainedModel}. */
export interface LoadPretrainedOptions {
  /**
   * Where to fetch the model file from, in a browser (default: `models/mnist-hog-pca-svc.dkm`
   * beside the package's modules, which bundlers that understand `new URL(…, import.meta.url)` copy).
   * Ignored in Node, which reads the package's own file.
   */
  url?: string | URL;
}

/**
 * Loads the model that ships with digitkit: an SVC with calibrated probabilities
 * on Deskew → Blur → HOG → PCA features of 28×28 MNIST-style digits (784 values
 * in 0..1), trained on MNIST. Works in Node and in browsers, with no network
 * beyond the page's own files. The model is loaded once and shared: do not fit
 * it (use `clone` for a model of your own).
 *
 * ```ts
 * const model = await loadPretrainedModel();
 * readDigits(png, model).text; // or readDigits(png) once loaded
 * ```
 * @throws Error when the file cannot be fetched or read.
 */
export async function loadPretrainedModel(options: LoadPretrainedOptions = {}): Promise<Classifier> {
  const where = 'loadPretrainedModel';
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: argument 'options' must be an object, got ${describe(options)}`);
  if (options.url !== undefined && typeof options.url !== 'string' && !(options.url instanceof URL)) {
    throw new TypeError(`${where}: option 'url' must be a string or a URL, got ${describe(options.url)}`);
  }
  if (shared) return shared;
  if (readSync) return pretrainedModelSync(where);
  const url = options.url ?? pretrainedModelUrl();
  let bytes: Uint8Array;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    throw new Error(`${where}: cannot fetch the shipped model from ${String(url)}: ${(e as Error).message}`);
  }
  shared ??= pretrainedFromBytes(bytes, where);
  return shared;
}
