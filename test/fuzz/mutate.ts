/** Seeded mutations of bytes and of JSON trees, for the mutation fuzzing of files. */
import { RandomState } from '../../src/core/random.js';

export class Rng {
  private r: RandomState;
  constructor(seed: number) {
    this.r = new RandomState(seed);
  }
  int(n: number): number {
    return Math.floor(this.r.random() * n);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
  chance(p: number): boolean {
    return this.r.random() < p;
  }
}

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff];
const INTERESTING_U32 = [0, 1, 2, 0x7f, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x10000, 0x1000000];

/** 1 to 4 byte-level mutations of `bytes` (a copy): flips, interesting values, 32-bit fields, truncation, insertion, deletion, duplication. */
export function mutateBytes(bytes: Uint8Array, rng: Rng): Uint8Array {
  let b: Uint8Array = bytes.slice();
  const n = 1 + rng.int(4);
  for (let k = 0; k < n && b.length > 0; k++) {
    const at = rng.int(b.length);
    switch (rng.int(8)) {
      case 0:
        b[at] ^= 1 << rng.int(8);
        break;
      case 1:
        b[at] = rng.pick(INTERESTING_BYTES);
        break;
      case 2:
        b[at] = rng.int(256);
        break;
      case 3: {
        // A 32-bit big- or little-endian field overwritten with an interesting value.
        if (at + 4 > b.length) break;
        new DataView(b.buffer).setUint32(at, rng.pick(INTERESTING_U32), rng.chance(0.5));
        break;
      }
      case 4:
        b = b.slice(0, at);
        break;
      case 5: {
        const extra = Uint8Array.from({ length: 1 + rng.int(16) }, () => rng.int(256));
        b = concat(b.subarray(0, at), extra, b.subarray(at));
        break;
      }
      case 6:
        b = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + rng.int(32))));
        break;
      default: {
        const end = Math.min(b.length, at + 1 + rng.int(64));
        b = concat(b.subarray(0, end), b.subarray(at, end), b.subarray(end));
      }
    }
  }
  return b;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const INTERESTING_VALUES: unknown[] = [
  -1, 0, 1, 2, 3, 7, 64, 2 ** 31, -(2 ** 31) - 1, 2 ** 32 + 1, 2 ** 53 + 2, 1e150, 1e151, 1e308, -1e308, 5e-324, 0.5, -0.5,
  null, 'x', '', true, false, [], {}, [1, 2], { rows: 1, cols: 1, data: [0] }, 'toString', '__proto__',
];

/** Every path to a value in a JSON tree. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) {
    // Long arrays (data) are sampled: a few positions, so that the fields around them get their share.
    const n = v.length;
    const idx = n <= 8 ? [...Array(n).keys()] : [0, 1, n >> 1, n - 2, n - 1];
    for (const i of idx) paths(v[i], [...at, i], out);
  } else if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, k], out);
  }
  return out;
}

/** 1 to 3 mutations of a JSON tree (a copy): a value replaced, a key deleted, an array shortened, lengthened or reordered. */
export function mutateJson(tree: unknown, rng: Rng): unknown {
  const root = { v: JSON.parse(JSON.stringify(tree)) as unknown };
  const n = 1 + rng.int(3);
  for (let k = 0; k < n; k++) {
    const all = paths(root.v).filter((p) => p.length > 0);
    if (!all.length) break;
    const p = rng.pick(all);
    let parent: Record<string | number, unknown> = root.v as Record<string, unknown>;
    for (const key of p.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const key = p[p.length - 1];
    const cur = parent[key];
    const op = rng.int(6);
    if (op === 0 && !Array.isArray(parent)) delete parent[key];
    else if (op === 1 && Array.isArray(cur) && cur.length) cur.pop();
    else if (op === 2 && Array.isArray(cur) && cur.length) cur.push(cur[rng.int(cur.length)]);
    else if (op === 3 && Array.isArray(cur) && cur.length > 1) {
      const i = rng.int(cur.length);
      const j = rng.int(cur.length);
      [cur[i], cur[j]] = [cur[j], cur[i]];
    } else if (op === 4 && typeof cur === 'number') parent[key] = rng.pick([-cur, cur + 1, cur - 1, cur * 2 ** 20, -1]);
    else parent[key] = JSON.parse(JSON.stringify(rng.pick(INTERESTING_VALUES)));
  }
  return root.v;
}
