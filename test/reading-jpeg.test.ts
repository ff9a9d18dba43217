/**
 * JPEG pictures: kinds made by PIL (scripts/make-jpeg-fixtures.py) decode
 * upright and close to the PNG they came from; MNIST test digits saved as
 * JPEG read as from PNG; other formats are named; bad files give clear errors.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { KNeighborsClassifier, loadMnistSync, pictureFormat, readDigits, readJpeg, readPicture, readPng, type GreyImage } from '../src/index.js';
import { encode } from 'fast-png';

const dir = new URL('fixtures/jpeg/', import.meta.url).pathname;
const fixture = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

/** The mean absolute difference of two pictures of one size. */
function meanDifference(a: GreyImage, b: GreyImage): number {
  expect([a.width, a.height]).to.deep.equal([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i] - b.data[i]);
  return sum / a.data.length;
}

/** A grey picture as a JPEG file (jpeg-js's encoder, RGB, the given quality). */
function toJpeg(img: GreyImage, quality: number): Uint8Array {
  const data = new Uint8Array(img.width * img.height * 4);
  for (let i = 0; i < img.data.length; i++) {
    data.fill(Math.round(img.data[i] * 255), 4 * i, 4 * i + 3);
    data[4 * i + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ width: img.width, height: img.height, data }, quality).data);
}

describe('readJpeg / readPicture: JPEG files', () => {
  const drawing = readPng(fixture('drawing.png'));
  let knn: KNeighborsClassifier;
  before(() => {
    const train = loadMnistSync({ split: 'train', limit: 3000 });
    knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(train.features, train.labels);
  });

  for (const name of ['grey-baseline.jpg', 'rgb-progressive.jpg', 'cmyk.jpg', 'exif-orientation-6.jpg']) {
    it(`${name}: decodes upright, within JPEG's loss of the drawing`, () => {
      const img = readJpeg(fixture(name));
      expect(meanDifference(img, drawing)).to.be.below(0.02);
      // The black block is top left: the picture is upright.
      expect(img.data[10 * img.width + 10]).to.be.below(0.1);
      expect(img.data[10 * img.width + 50]).to.be.above(0.9);
      expect(readPicture(fixture(name)).data).to.deep.equal(img.data);
      expect(pictureFormat(fixture(name))).to.equal('jpeg');
    });
  }

  it('reads MNIST test digits from a JPEG as from the PNG of the same picture', () => {
    const test = loadMnistSync({ split: 'test', limit: 6 });
    // Six test digits side by side, dark on white, ×2.
    const width = 6 * 66 + 10;
    const img: GreyImage = { width, height: 76, data: new Float64Array(width * 76).fill(1) };
    for (let k = 0; k < 6; k++) {
      const digit = test.images.image(k);
      for (let y = 0; y < 56; y++) for (let x = 0; x < 56; x++) img.data[(10 + y) * width + 10 + 66 * k + x] = 1 - digit[(y >> 1) * 28 + (x >> 1)] / 255;
    }
    const png = encode({ width, height: 76, channels: 1, depth: 8, data: Uint8Array.from(img.data, (v) => Math.round(v * 255)) });
    const fromPng = readDigits(png, knn, { minConfidence: 0 });
    const fromJpeg = readDigits(toJpeg(img, 85), knn, { minConfidence: 0 });
    expect(fromJpeg.text).to.equal(Array.from(test.labels).join(''));
    expect(fromJpeg.text).to.equal(fromPng.text);
    // JPEG's loss moves a box's faint edges by a pixel or two.
    fromJpeg.digits.forEach((d, k) => {
      const b = fromPng.digits[k].box;
      for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(d.box[key] - b[key]), `digit ${k} ${key}`).to.be.at.most(2);
    });
  });

  it('names the format of a picture that is neither PNG nor JPEG', () => {
    const cases: [string, number[] | string][] = [
      ['a GIF image', 'GIF89a,\0\x01\0'],
      ['a WebP image', 'RIFF\x10\0\0\0WEBPVP8 '],
      ['a BMP image', 'BM\x36\0\0\0\0\0\0\0\x36\0\0\0'],
      ['a TIFF image', 'II*\0\x08\0\0\0'],
      ['a HEIC/HEIF or AVIF image', '\0\0\0\x18ftypheic\0\0\0\0'],
      ['a PDF document', '%PDF-1.7\n'],
      ['an SVG drawing', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'],
    ];
    for (const [name, content] of cases) {
      const bytes = typeof content === 'string' ? Uint8Array.from(content, (c) => c.charCodeAt(0)) : Uint8Array.from(content);
      expect(() => readPicture(bytes), name).to.throw(TypeError, new RegExp(`^readPicture: argument 'bytes' must be the bytes of a PNG or JPEG file, got ${name} \\(starting [0-9a-f ]+\\); convert it to PNG or JPEG first$`));
      expect(() => readDigits(bytes, knn), name).to.throw(TypeError, new RegExp(`^readDigits: argument 'png' must be the bytes of a PNG or JPEG file, got ${name}`));
    }
    expect(() => readPicture(Uint8Array.of(1, 2, 3))).to.throw(
      TypeError,
      /^readPicture: argument 'bytes' must be the bytes of a PNG file \(starting 89 50 4e 47 0d 0a 1a 0a\) or a JPEG file \(starting ff d8 ff\), got 3 bytes starting 01 02 03$/,
    );
    expect(() => readPicture('x.jpg' as never)).to.throw(TypeError, /^readPicture: argument 'bytes' must be a Uint8Array \(the bytes of a PNG or JPEG file\), got "x\.jpg"$/);
    expect(() => readJpeg(fixture('drawing.png'))).to.throw(TypeError, /^readJpeg: argument 'jpeg' must be the bytes of a JPEG file \(starting ff d8 ff\), got 116 bytes starting 89 50/);
  });

  it('refuses truncated and corrupt JPEGs, and sizes over the limit, before decoding', () => {
    const good = fixture('grey-baseline.jpg');
    for (const cut of [3, 20, 200, good.length - 2]) {
      expect(() => readJpeg(good.subarray(0, cut)), `cut at ${cut}`).to.throw(RangeError, /^readJpeg: the data is not a valid JPEG \(/);
    }
    const garbled = good.slice();
    for (let i = 300; i < 340; i++) garbled[i] = 0xff;
    let outcome: unknown;
    try {
      outcome = readJpeg(garbled);
    } catch (err) {
      outcome = err;
    }
    // jpeg-js tolerates some damage in the scan data: a picture of the declared size, or a clean error.
    if (outcome instanceof Error) expect(outcome.message).to.match(/^readJpeg: the data is not a valid JPEG \(/);
    else expect((outcome as GreyImage).width).to.equal(60);
    // The frame declares 60000 × 60000 pixels: refused from the header alone.
    const huge = good.slice();
    const sof = huge.findIndex((b, i) => b === 0xff && (huge[i + 1] === 0xc0 || huge[i + 1] === 0xc2) && i > 1);
    huge[sof + 5] = 0xea;
    huge[sof + 6] = 0x60;
    huge[sof + 7] = 0xea;
    huge[sof + 8] = 0x60;
    expect(() => readJpeg(huge)).to.throw(RangeError, /^readJpeg: the JPEG must be 1 to 16384 pixels a side and at most 40 megapixels, got 60000×60000 \(3600\.0 megapixels\); scale it down first$/);
  });
});
