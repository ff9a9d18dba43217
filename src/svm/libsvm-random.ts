/**
 * The random draws of scikit-learn's libsvm, reproduced so that its
 * probability estimates are reproduced: its SVC draws a seed from numpy's
 * `RandomState(random_state).randint(2**31 - 1)`, and libsvm shuffles the
 * cross-validation folds with a 32-bit Mersenne Twister (std::mt19937) seeded
 * with it, through a "tweaked Lemire" bounded draw (sklearn/svm/src/newrand).
 * Written from the published algorithms (Matsumoto & Nishimura 1998; Lemire 2019).
 */
import { Mt19937 } from '../core/mt19937.js';

export { Mt19937 };

/** The high and low 32 bits of the 64-bit product of two 32-bit unsigned integers, exactly. */
function mul32(x: number, range: number): { hi: number; lo: number } {
  const a = (x & 0xffff) * range; // < 2^48: exact
  const b = (x >>> 16) * range; // < 2^48: exact
  const low = (b % 65536) * 65536 + a; // < 2^49: exact
  return { hi: Math.floor(b / 65536) + Math.floor(low / 2 ** 32), lo: low % 2 ** 32 };
}

/** A uniform integer in 0..range−1 from `mt`, as scikit-learn's libsvm draws it (`bounded_rand_int`). */
export function boundedRandInt(mt: Mt19937, range: number): number {
  let m = mul32(mt.nextUint32(), range);
  if (m.lo < range) {
    // 2^32 mod range: the low products below it would bias the draw.
    const t = (2 ** 32 - range) % range;
    while (m.lo < t) m = mul32(mt.nextUint32(), range);
  }
  return m.hi;
}

/**
 * The seed scikit-learn gives libsvm for `random_state = randomState`:
 * numpy's legacy `RandomState(randomState).randint(2**31 - 1)`, which draws
 * 31-bit values (32-bit outputs masked) until one is below 2^31 − 1.
 */
export function libsvmSeed(randomState: number): number {
  const mt = new Mt19937(randomState);
  for (;;) {
    const v = mt.nextUint32() & 0x7fffffff;
    if (v <= 2 ** 31 - 2) return v;
  }
}
