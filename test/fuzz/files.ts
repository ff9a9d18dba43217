/**
 * Mutation fuzzing of the files digitkit reads — PNG pictures, IDX files (raw
 * and gzip), model JSON and binary model files — each mutant made from valid
 * files that these functions build, and judged by what the reader promises.
 */
import { readFileSync } from 'node:fs';
import { deflateSync, gzipSync, inflateSync } from 'node:zlib';
import { encode } from 'fast-png';
import jpeg from 'jpeg-js';
import {
  Blur,
  Deskew,
  HOG,
  ImageSet,
  KNeighborsClassifier,
  Matrix,
  SVC,
  TemplateMatcher,
  encodeIdx,
  encodeIdxImages,
  encodeIdxLabels,
  loadDigits,
  loadModel,
  makePipeline,
  modelFromBytes,
  modelToBytes,
  parseIdx,
  parseIdxImages,
  parseIdxLabels,
  readJpeg,
  readPng,
  type Classifier,
  type GreyImage,
  type Model,
  type Transformer,
} from '../../src/index.js';
import { chunk, encodePng } from '../helpers/png-chunks.js';
import { concat, mutateBytes, mutateJson, type Rng } from './mutate.js';
import { runCase, type CaseResult } from './outcome.js';

const z = (raw: Uint8Array) => new Uint8Array(deflateSync(raw));

/** A fuzz target: makes and judges one case from a random generator. */
export interface FileTarget {
  name: string;
  run(rng: Rng): { result: CaseResult; what: string };
}

// ---------------------------------------------------------------- PNG

const samples = (n: number, max: number, seed: number) => Array.from({ length: n }, (_, i) => (i * 37 + seed * 11 + (i >> 2)) % (max + 1));
const PNG_SEEDS: Uint8Array[] = [
  encodePng({ width: 13, height: 9, colorType: 0, depth: 8 }, samples(117, 255, 1), z),
  encodePng({ width: 11, height: 9, colorType: 0, depth: 1, interlaced: true }, samples(99, 1, 2), z),
  encodePng({ width: 10, height: 10, colorType: 3, depth: 4, palette: Array.from({ length: 16 }, (_, k) => [k * 16, 255 - k * 16, k * 7]), trns: Uint8Array.of(0, 128, 255) }, samples(100, 15, 3), z),
  encodePng({ width: 5, height: 4, colorType: 6, depth: 16 }, samples(80, 65535, 4), z),
  encodePng({ width: 9, height: 7, colorType: 2, depth: 8, interlaced: true, trns: Uint8Array.of(0, 10, 0, 20, 0, 30) }, samples(189, 255, 5), z),
  encode({ width: 6, height: 5, channels: 2, depth: 8, data: Uint8Array.from(samples(60, 255, 6)) }),
];

interface Chunk {
  type: string;
  data: Uint8Array;
}

function chunksOf(png: Uint8Array): Chunk[] {
  const out: Chunk[] = [];
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let p = 8; p + 12 <= png.length; ) {
    const len = v.getUint32(p);
    out.push({ type: String.fromCharCode(...png.subarray(p + 4, p + 8)), data: png.slice(p + 8, p + 8 + len) });
    p += 12 + len;
  }
  return out;
}

const buildPng = (chunks: Chunk[]) => concat(PNG_SEEDS[0].subarray(0, 8), ...chunks.map((c) => chunk(c.type, c.data)));

/** What readPng promises of any picture it returns: the header's size, one brightness in 0..1 per pixel. */
function pngIsSound(g: GreyImage, png: Uint8Array): boolean | string {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const [w, h] = [v.getUint32(16), v.getUint32(20)];
  if (g.width !== w || g.height !== h || g.data.length !== w * h) return `a ${g.width}×${g.height} image (${g.data.length} values) from a ${w}×${h} header`;
  for (const x of g.data) if (!(x >= 0 && x <= 1)) return `a brightness of ${x}`;
  return true;
}

const same = (a: GreyImage, b: GreyImage) => a.width === b.width && a.height === b.height && a.data.every((x, i) => x === b.data[i]);

export const pngTarget: FileTarget = {
  name: 'PNG',
  run(rng) {
    const k = rng.int(PNG_SEEDS.length);
    const seed = PNG_SEEDS[k];
    const original = readPng(seed);
    const mode = rng.int(3);
    let png: Uint8Array;
    let judge: (g: GreyImage) => boolean | string;
    if (mode === 0) {
      // Bytes changed anywhere: every byte is covered by the signature or a CRC, so only bytes after IEND may change and still decode, to the same image.
      png = mutateBytes(seed, rng);
      judge = (g) => same(g, original) || 'a changed file decoded to another image';
    } else if (mode === 1) {
      // A chunk's data changed and its CRC made right: the decoder must refuse it, or decode it soundly.
      const chunks = chunksOf(seed);
      const c = chunks[rng.int(chunks.length)];
      c.data = mutateBytes(c.data, rng);
      png = buildPng(chunks);
      judge = (g) => pngIsSound(g, png);
    } else {
      // The inflated image data changed (filter types, samples, length) and compressed again.
      const chunks = chunksOf(seed);
      const idat = chunks.find((c) => c.type === 'IDAT')!;
      idat.data = z(mutateBytes(new Uint8Array(inflateSync(idat.data)), rng));
      png = buildPng(chunks);
      judge = (g) => pngIsSound(g, png);
    }
    return { result: runCase(() => readPng(png), judge, /^readPng: /), what: `PNG seed ${k}, mode ${mode}, ${png.length} bytes` };
  },
};

// ---------------------------------------------------------------- IDX

const images = new ImageSet(Uint8Array.from(samples(3 * 784, 255, 7)), 3, 28, 28);
const labels = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9];
const IDX_SEEDS: { bytes: Uint8Array; read: (b: Uint8Array) => unknown; encode: (r: never) => Uint8Array }[] = [
  { bytes: encodeIdxImages(images), read: (b) => parseIdxImages(b, { source: 'f', width: 28, height: 28 }), encode: (r: ImageSet) => encodeIdxImages(r) },
  { bytes: encodeIdxLabels(labels), read: (b) => parseIdxLabels(b, { source: 'f' }), encode: (r: Int32Array) => encodeIdxLabels(r) },
  { bytes: encodeIdx([2, 3, 4], Uint8Array.from(samples(24, 255, 8))), read: (b) => parseIdx(b, { source: 'f' }), encode: (r: { dims: number[]; data: Uint8Array }) => encodeIdx(r.dims, r.data) },
];

const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** JPEG seeds: jpeg-js's baseline encoder at two qualities, and the kinds PIL writes (test/fixtures/jpeg). */
const JPEG_SEEDS: Uint8Array[] = [
  ...[40, 90].map((quality) => {
    const data = new Uint8Array(24 * 16 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256));
    return new Uint8Array(jpeg.encode({ width: 24, height: 16, data }, quality).data);
  }),
  ...['grey-baseline.jpg', 'rgb-progressive.jpg', 'cmyk.jpg', 'exif-orientation-6.jpg'].map((name) => new Uint8Array(readFileSync(new URL(`../fixtures/jpeg/${name}`, import.meta.url)))),
];

/**
 * JPEG mutants: JPEG has no checksum, so a changed file may decode to another
 * picture; what must hold is a clean error or a sound picture (the size its
 * frame declares, at most 40 megapixels, brightness in 0..1).
 */
export const jpegTarget: FileTarget = {
  name: 'JPEG',
  run(rng) {
    const k = rng.int(JPEG_SEEDS.length);
    const bytes = mutateBytes(JPEG_SEEDS[k], rng);
    const judge = (g: GreyImage) =>
      (g.width >= 1 && g.height >= 1 && g.width * g.height <= 40e6 && g.data.length === g.width * g.height && g.data.every((v) => v >= 0 && v <= 1)) || 'an unsound picture';
    return { result: runCase(() => readJpeg(bytes), judge, /^readJpeg: /), what: `JPEG seed ${k}, ${bytes.length} bytes` };
  },
};

export const idxTarget: FileTarget = {
  name: 'IDX (raw and gzip)',
  run(rng) {
    const k = rng.int(IDX_SEEDS.length);
    const s = IDX_SEEDS[k];
    const gz = rng.chance(0.5);
    if (!gz) {
      // Raw IDX has no checksum: whatever parses must be exactly what the file says (and labels within 0..9).
      const bytes = mutateBytes(s.bytes, rng);
      const judge = (r: unknown) => {
        const back = s.encode(r as never);
        if (!bytesEqual(back, bytes)) return 'the parsed values are not what the file holds';
        if (r instanceof Int32Array && r.some((v) => v > 9)) return 'a label above 9';
        return true;
      };
      return { result: runCase(() => s.read(bytes), judge, /^f: /), what: `raw IDX seed ${k}, ${bytes.length} bytes` };
    }
    // gzip: the content is covered by the CRC-32; a change that still parses must leave it as it was.
    const bytes = mutateBytes(new Uint8Array(gzipSync(s.bytes)), rng);
    const judge = (r: unknown) => bytesEqual(s.encode(r as never), s.bytes) || 'changed gzip data parsed to other values';
    return { result: runCase(() => s.read(bytes), judge, /^f: /), what: `gzip IDX seed ${k}, ${bytes.length} bytes` };
  },
};

// ---------------------------------------------------------------- models

const digits = loadDigits();
const X = digits.data.selectRows(Array.from({ length: 200 }, (_, i) => i));
const y = digits.target.slice(0, 200);
const Xq = digits.data.selectRows(Array.from({ length: 20 }, (_, i) => 1000 + i));
const two = Array.from({ length: 200 }, (_, i) => i).filter((i) => y[i] < 2);

const MODELS: Model[] = [
  new SVC({ gamma: 0.001 }).fit(X, y),
  new SVC({ kernel: 'linear', C: 0.1 }).fit(X.selectRows(two), two.map((i) => y[i])),
  new SVC({ gamma: 0.001, probability: true, randomState: 0 }).fit(X, y),
  new KNeighborsClassifier({ nNeighbors: 3, metric: 'cosine', weights: 'distance' }).fit(X, y),
  new TemplateMatcher().fit(X, y),
  new TemplateMatcher({ mode: 'all', k: 3, maxShift: 1 }).fit(X, y),
  makePipeline(new Deskew(), new HOG({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2] }), new KNeighborsClassifier()).fit(X, y),
  new HOG({ pixelsPerCell: [4, 4], cellsPerBlock: [2, 2] }).fit(X),
  new Deskew().fit(X),
  new Blur({ radius: 2 }).fit(X),
];
const JSONS = MODELS.map((m) => JSON.parse(JSON.stringify(m.toJSON())) as unknown);
const BYTES = MODELS.map((m) => modelToBytes(m));

const isClassifier = (m: unknown): m is Classifier => typeof (m as Classifier).predict === 'function';

/**
 * What a loaded model promises: it predicts (or transforms) without an
 * internal error — labels among its classes, probabilities and decision
 * values finite — or refuses the queries with a clean error (its feature
 * count may have been changed consistently).
 */
function modelIsSound(m: unknown): boolean | string {
  const clean = (err: unknown) => err instanceof Error && ['TypeError', 'RangeError', 'NotFittedError'].includes(err.name) && /^\w+\.\w+: /.test(err.message);
  try {
    if (isClassifier(m)) {
      const p = m.predict(Xq);
      const classes = new Set(m.classes);
      if (p.length !== Xq.rows || p.some((v) => !classes.has(v))) return 'predictions outside the classes';
      const proba = (m as { predictProba?: (X: Matrix) => Matrix }).predictProba?.call(m, Xq);
      if (proba && proba.data.some((v) => !(v >= 0 && v <= 1))) return 'probabilities outside [0, 1]';
      if (proba) {
        for (let i = 0; i < proba.rows; i++) {
          const sum = proba.data.subarray(i * proba.cols, (i + 1) * proba.cols).reduce((a, b) => a + b, 0);
          if (Math.abs(sum - 1) > 1e-9) return `probabilities summing to ${sum}`;
        }
      }
      const dec = (m as { decisionFunction?: (X: Matrix) => Matrix }).decisionFunction?.call(m, Xq);
      if (dec && dec.data.some((v) => !Number.isFinite(v))) return 'non-finite decision values';
    } else {
      const out = (m as Transformer).transform(Xq);
      if (out.data.some((v) => !Number.isFinite(v))) return 'non-finite transform';
    }
    return true;
  } catch (err) {
    return clean(err) || `an internal error after loading: ${(err as Error).message}`;
  }
}

/** Predictions (or transforms) of a model on the queries, to compare. */
function answer(m: unknown): string {
  if (isClassifier(m)) return Array.from(m.predict(Xq)).join(',');
  return Array.from((m as Transformer).transform(Xq).data).join(',');
}
const ANSWERS = MODELS.map(answer);

export const modelJsonTarget: FileTarget = {
  name: 'model JSON',
  run(rng) {
    const k = rng.int(JSONS.length);
    const json = mutateJson(JSONS[k], rng);
    return {
      result: runCase(() => loadModel(json), modelIsSound, /^(\w+\.fromJSON|loadModel): /),
      what: `model JSON seed ${k} (${(JSONS[k] as { name: string }).name})`,
    };
  },
};

export const modelFileTarget: FileTarget = {
  name: 'binary model file',
  run(rng) {
    const k = rng.int(BYTES.length);
    const bytes = mutateBytes(BYTES[k], rng);
    const judge = (m: unknown) => answer(m) === ANSWERS[k] || 'a changed model file loaded as a different model';
    return { result: runCase(() => modelFromBytes(bytes), judge, /^(modelFromBytes|\w+\.fromJSON|loadModel): /), what: `model file seed ${k}, ${bytes.length} bytes` };
  },
};
