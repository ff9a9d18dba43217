/**
 * PNGs of MNIST test digits, made in memory for the web tests (never written
 * to the repository), or null with the reason when MNIST is missing.
 */
import { DatasetError, loadMnistSync } from '../../src/index.js';
import { blankInk, drawDigit, inkToPng } from './render-digits.js';

/** A picture of MNIST test digits side by side, and the digits it shows. */
export interface MnistPng {
  png: Uint8Array;
  text: string;
}

/**
 * `count` pictures of `perPicture` MNIST test digits each (from test image
 * `start` on), black on white, each digit scaled 3× with a gap between them.
 */
export function mnistTestPngs(count: number, perPicture = 1, start = 0): MnistPng[] | string {
  let set;
  try {
    set = loadMnistSync({ split: 'test', limit: start + count * perPicture });
  } catch (err) {
    if (!(err instanceof DatasetError)) throw err;
    return `MNIST is not found (${err.message.split('\n')[0]})`;
  }
  const out: MnistPng[] = [];
  for (let p = 0; p < count; p++) {
    const scale = 3;
    const ink = blankInk(perPicture * 28 * scale + 40, 28 * scale + 20);
    let text = '';
    for (let k = 0; k < perPicture; k++) {
      const i = start + p * perPicture + k;
      drawDigit(ink, set.images.data.subarray(i * 784, (i + 1) * 784), 20 + k * 28 * scale, 10, scale);
      text += String(set.labels[i]);
    }
    out.push({ png: inkToPng(ink, 'grey8'), text });
  }
  return out;
}
