/**
 * Test helper: non-digit marks, to measure how many are flagged `?` rather than read
 * as a confident digit: the MDAS handwritten + × ÷ of the test partition
 * (../shared/datasets/mdas-symbols, MIT; read from its zip in memory, when present)
 * and seeded scribbles drawn here. 56×56 8-bit grey PNGs, dark ink on white, as the
 * EMNIST evaluation's. Nothing is written to disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { encode } from 'fast-png';
import { readPng } from '../../src/reading/png.js';
import { blankInk, inkToPng } from './render-digits.js';
import { stroke } from './reading-cases.js';

/** A mark and what kind it is (`'plus'`, `'cross'`, `'obelus'`, `'scribble'`). */
export interface Mark {
  kind: string;
  png: Uint8Array;
}

const MDAS = new URL('../../../shared/datasets/mdas-symbols/mdas_symbols_v1.zip', import.meta.url).pathname;
const KINDS: Record<string, string> = { addition_plus: 'plus', multiplication_cross: 'cross', division_obelus: 'obelus' };

/** The marks: MDAS + × ÷ (test partition) when the zip is here, and `scribbles` seeded scribbles. */
export function nonDigitMarks(scribbles = 100, zip = MDAS): Mark[] {
  const marks: Mark[] = [];
  if (existsSync(zip)) {
    const files = unzipSync(new Uint8Array(readFileSync(zip)), { filter: (f) => /symbols_partitioned\/test\/.*\.png$/.test(f.name) });
    for (const [name, bytes] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const kind = KINDS[name.split('/').at(-2) ?? ''];
      if (!kind) continue;
      const g = readPng(bytes);
      // MDAS is white ink on black at 28×28: scaled 2× (nearest), dark on white.
      const w = 2 * g.width;
      const data = new Uint8Array(w * 2 * g.height);
      for (let y = 0; y < 2 * g.height; y++) for (let x = 0; x < w; x++) data[y * w + x] = Math.round(255 * (1 - g.data[(y >> 1) * g.width + (x >> 1)]));
      marks.push({ kind, png: encode({ width: w, height: 2 * g.height, channels: 1, depth: 8, data }) });
    }
  }
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let k = 0; k < scribbles; k++) {
    // A scribble: 4 to 8 joined strokes between random points of the middle 40×40.
    const c = blankInk(56, 56);
    let x = 8 + 40 * rand();
    let y = 8 + 40 * rand();
    const n = 4 + Math.floor(5 * rand());
    for (let s = 0; s < n; s++) {
      const nx = 8 + 40 * rand();
      const ny = 8 + 40 * rand();
      stroke(c, x, y, nx, ny, 3);
      x = nx;
      y = ny;
    }
    marks.push({ kind: 'scribble', png: inkToPng(c, 'grey8') });
  }
  return marks;
}
