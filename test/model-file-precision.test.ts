/**
 * Compact model files: half-precision rounding (checked against the nearest
 * representable value, independently of the encoder), and models saved with
 * `precision: 'float32' | 'float16'`.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPACT_MIN_LENGTH, KNeighborsClassifier, Matrix, SVC, loadDigits, loadModelFile, modelFromBytes, modelToBytes, saveModelFile } from '../src/index.js';
import { FLOAT16_MAX, fromFloat16Bits, toFloat16Bits } from '../src/persistence/float16.js';

describe('float16: half precision', () => {
  it('every finite half-precision value converts back to its own bits', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const v = fromFloat16Bits(bits);
      if (!Number.isFinite(v)) continue;
      expect(toFloat16Bits(v), `bits ${bits.toString(16)}`).to.equal(bits);
    }
    expect(fromFloat16Bits(0x7bff)).to.equal(FLOAT16_MAX);
    expect(fromFloat16Bits(0x3c00)).to.equal(1);
    expect(fromFloat16Bits(0x0001)).to.equal(2 ** -24);
  });

  it('rounds any number to the nearest half-precision value, ties to even', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let k = 0; k < 20000; k++) {
      const v = (random() - 0.5) * 2 ** (Math.floor(random() * 44) - 28);
      const bits = toFloat16Bits(v);
      const got = fromFloat16Bits(bits);
      // No neighbour of the chosen value is nearer (the neighbours of the magnitude's bit pattern).
      const magnitude = bits & 0x7fff;
      for (const n of [magnitude - 1, magnitude + 1]) {
        if (n < 0 || n > 0x7bff) continue;
        const other = Math.sign(v || 1) * fromFloat16Bits(n);
        expect(Math.abs(v - got), `${v}`).to.be.at.most(Math.abs(v - other));
      }
    }
    // Ties: halfway between 1 and 1 + 2^-10 goes to 1 (even); between 1 + 2^-10 and 1 + 2^-9, to 1 + 2^-9.
    expect(fromFloat16Bits(toFloat16Bits(1 + 2 ** -11))).to.equal(1);
    expect(fromFloat16Bits(toFloat16Bits(1 + 3 * 2 ** -11))).to.equal(1 + 2 ** -9);
    expect(fromFloat16Bits(toFloat16Bits(-0))).to.satisfy(Object.is.bind(null, -0));
    expect(fromFloat16Bits(toFloat16Bits(65519))).to.equal(65504);
    expect(fromFloat16Bits(toFloat16Bits(2 ** -25 * 1.5))).to.equal(2 ** -24);
  });
});

describe('binary model file: precision float32 and float16', () => {
  const digits = loadDigits();
  const half = 898;
  const train = new Matrix(half, 64, digits.data.data.slice(0, half * 64));
  const test = new Matrix(digits.data.rows - half, 64, digits.data.data.slice(half * 64));
  const svc = new SVC({ gamma: 0.001, probability: true, randomState: 0 }).fit(train, digits.target.slice(0, half));
  const predicted = svc.predict(test);

  it('stores the large float arrays rounded, the small ones exactly; the model predicts (nearly) as before', () => {
    const full = modelToBytes(svc);
    for (const precision of ['float32', 'float16'] as const) {
      const bytes = modelToBytes(svc, { precision });
      const back = modelFromBytes(bytes) as SVC;
      // 519 support vectors × 64 = 33,216 values (≥ COMPACT_MIN_LENGTH): rounded. Intercepts and sigmoids (45 each): exact.
      expect(svc.supportVectors.data.length).to.be.at.least(COMPACT_MIN_LENGTH);
      expect(Array.from(back.intercept)).to.deep.equal(Array.from(svc.intercept));
      expect(Array.from(back.probA)).to.deep.equal(Array.from(svc.probA));
      const round = precision === 'float32' ? (v: number) => Math.fround(v) : (v: number) => fromFloat16Bits(toFloat16Bits(v));
      expect(Array.from(back.supportVectors.data)).to.deep.equal(Array.from(svc.supportVectors.data, round));
      // The 8×8 digits' counts 0..16 are exact in float16: the support vectors are unchanged, the dual coefficients rounded.
      const again = back.predict(test);
      const same = again.filter((p, i) => p === predicted[i]).length;
      expect(same, precision).to.be.at.least(test.rows - 2);
      expect(bytes.length, precision).to.be.below(full.length * (precision === 'float32' ? 0.6 : 0.35));
    }
  });

  it('saveModelFile takes the precision; JSON refuses it; bad values are refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digitkit-precision-'));
    try {
      const path = join(dir, 'svc.dkm');
      const saved = saveModelFile(svc, path, { precision: 'float16' });
      expect(saved.bytes).to.equal(modelToBytes(svc, { precision: 'float16' }).length);
      expect(Array.from((loadModelFile(path) as SVC).predict(test))).to.deep.equal(Array.from((modelFromBytes(modelToBytes(svc, { precision: 'float16' })) as SVC).predict(test)));
      expect(() => saveModelFile(svc, join(dir, 'svc.json'), { precision: 'float16' })).to.throw(TypeError, /^saveModelFile: option 'precision' applies to the binary model file, not JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => modelToBytes(svc, { precision: 'half' as never })).to.throw(TypeError, /^modelToBytes: option 'precision' must be 'float64', 'float32' or 'float16', got "half"$/);
    // k-NN keeps its training rows: 3,000 × 2 values, one of them beyond float16's range.
    const rows = Array.from({ length: 3000 }, (_, i) => [i, i === 1234 ? 1e5 : 1]);
    const knn = new KNeighborsClassifier().fit(rows, rows.map((_, i) => i % 2));
    expect(() => modelToBytes(knn, { precision: 'float16' })).to.throw(RangeError, /^modelToBytes: field 'state\.fitX\.data' holds 100000 at index 2469, beyond float16's range \(±65504\); save it with precision 'float64'$/);
    expect(() => modelToBytes(knn, { precision: 'float32' })).to.not.throw();
  });
});
