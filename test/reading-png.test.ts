import { expect } from 'chai';
import { encode } from 'fast-png';
import { MAX_PNG_PIXELS, MAX_PNG_SIDE, readPng } from '../src/index.js';
import { deflateSync } from 'node:zlib';
import { chunk, corruptIdatKeepingCrc, crc32, encodePng, findIdat, insertAfterHeader, withSize } from './helpers/png-chunks.js';

const close = (got: Float64Array, want: number[], tol = 1e-9) => {
  expect(got.length).to.equal(want.length);
  got.forEach((v, i) => expect(v, `pixel ${i}`).to.be.closeTo(want[i], tol));
};

describe('readPng: every kind of PNG to grey (0 = black, 1 = white)', () => {
  it('reads 8- and 16-bit greyscale, also interlaced', () => {
    const g8 = readPng(encode({ width: 3, height: 2, channels: 1, depth: 8, data: Uint8Array.from([0, 51, 102, 153, 204, 255]) }));
    expect([g8.width, g8.height]).to.deep.equal([3, 2]);
    expect(g8.data).to.be.instanceOf(Float64Array);
    close(g8.data, [0, 0.2, 0.4, 0.6, 0.8, 1]);
    const g16 = readPng(encode({ width: 2, height: 2, channels: 1, depth: 16, data: Uint16Array.from([0, 65535, 13107, 32768]) }));
    close(g16.data, [0, 1, 0.2, 32768 / 65535]);
    const values = Uint8Array.from({ length: 9 * 7 }, (_, i) => (i * 37) % 256);
    const adam7 = readPng(encode({ width: 9, height: 7, channels: 1, depth: 8, data: values }, { interlace: 'Adam7' }));
    close(adam7.data, Array.from(values, (v) => v / 255));
  });

  it('reads 1-, 2- and 4-bit greyscale (packed rows)', () => {
    // 3 pixels per row, 2 rows; rows padded to whole bytes.
    const one = readPng(encode({ width: 3, height: 2, channels: 1, depth: 1, data: Uint8Array.from([0b10100000, 0b01000000]) }));
    close(one.data, [1, 0, 1, 0, 1, 0]);
    const two = readPng(encode({ width: 3, height: 2, channels: 1, depth: 2, data: Uint8Array.from([0b00011011, 0b11100100]) }));
    close(two.data, [0, 1 / 3, 2 / 3, 1, 2 / 3, 1 / 3]);
    const four = readPng(encode({ width: 3, height: 1, channels: 1, depth: 4, data: Uint8Array.from([0x0f, 0x50]) }));
    close(four.data, [0, 1, 1 / 3]);
  });

  it('composites grey+alpha (8 and 16 bits) onto white', () => {
    const ga = readPng(encode({ width: 3, height: 1, channels: 2, depth: 8, data: Uint8Array.from([0, 255, 0, 0, 0, 51]) }));
    close(ga.data, [0, 1, 0.8]); // opaque black, transparent black, black at 20% opacity
    const ga16 = readPng(encode({ width: 2, height: 1, channels: 2, depth: 16, data: Uint16Array.from([65535, 65535, 0, 32768]) }));
    close(ga16.data, [1, 1 - 32768 / 65535]);
  });

  it('turns RGB into brightness with the Rec. 601 weights, 8 and 16 bits', () => {
    const rgb = readPng(encode({ width: 4, height: 1, channels: 3, depth: 8, data: Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]) }));
    close(rgb.data, [0.299, 0.587, 0.114, 1]);
    const rgb16 = readPng(encode({ width: 1, height: 1, channels: 3, depth: 16, data: Uint16Array.from([65535, 65535, 0]) }));
    close(rgb16.data, [0.886]);
  });

  it('composites RGBA onto white: transparent pixels are paper whatever their colour', () => {
    const rgba = readPng(encode({ width: 3, height: 1, channels: 4, depth: 8, data: Uint8Array.from([0, 0, 0, 255, 12, 200, 7, 0, 0, 0, 0, 128]) }));
    close(rgba.data, [0, 1, 1 - 128 / 255]);
  });

  it('reads palette images (1, 2, 4 and 8 bits), with tRNS transparency', () => {
    const palette = [[0, 0, 0], [255, 255, 255], [255, 0, 0], [0, 0, 255]];
    const p8 = readPng(encode({ width: 4, height: 1, channels: 1, depth: 8, palette, data: Uint8Array.from([0, 1, 2, 3]) }));
    close(p8.data, [0, 1, 0.299, 0.114]);
    const p2 = readPng(encode({ width: 4, height: 1, channels: 1, depth: 2, palette, data: Uint8Array.from([0b11100100]) }));
    close(p2.data, [0.114, 0.299, 1, 0]);
    const p1 = readPng(encode({ width: 2, height: 1, channels: 1, depth: 1, palette: palette.slice(0, 2), data: Uint8Array.from([0b01000000]) }));
    close(p1.data, [0, 1]);
    const p4 = readPng(encode({ width: 2, height: 1, channels: 1, depth: 4, palette, data: Uint8Array.from([0x32]) }));
    close(p4.data, [0.114, 0.299]);
    // Four-entry colours make fast-png write a tRNS chunk: entry 0 is black but fully transparent, entry 1 black at 20%.
    // (fast-png 8.0.0's encoder writes only the non-opaque alphas, so those entries must come first.)
    const withAlpha = [[0, 0, 0, 0], [0, 0, 0, 51], [0, 0, 0, 255], [255, 255, 255, 255]];
    const t = readPng(encode({ width: 4, height: 1, channels: 1, depth: 8, palette: withAlpha, data: Uint8Array.from([0, 1, 2, 3]) }));
    close(t.data, [1, 0.8, 0, 1]);
  });

  it('honours tRNS on greyscale and RGB images (one colour fully transparent)', () => {
    const grey = encode({ width: 3, height: 1, channels: 1, depth: 8, data: Uint8Array.from([0, 100, 200]) });
    const g = readPng(insertAfterHeader(grey, chunk('tRNS', Uint8Array.from([0, 100]))));
    close(g.data, [0, 1, 200 / 255]);
    // (fast-png refuses an RGB tRNS on images of fewer than 3 pixels, so 4 pixels here.)
    const rgb = encode({ width: 4, height: 1, channels: 3, depth: 8, data: Uint8Array.from([10, 20, 30, 0, 0, 0, 10, 20, 31, 255, 255, 255]) });
    const r = readPng(insertAfterHeader(rgb, chunk('tRNS', Uint8Array.from([0, 10, 0, 20, 0, 30]))));
    close(r.data, [1, 0, (0.299 * 10 + 0.587 * 20 + 0.114 * 31) / 255, 1]);
  });
});

describe('readPng: bad input gives a clear error', () => {
  const good = encode({ width: 8, height: 8, channels: 1, depth: 8, data: new Uint8Array(64).fill(200) });

  it('refuses what is not PNG bytes, checking the signature first', () => {
    expect(() => readPng('x.png' as never)).to.throw(TypeError, /^readPng: argument 'png' must be a Uint8Array \(the bytes of a PNG file\), got "x\.png"$/);
    expect(() => readPng(new TextEncoder().encode('GIF89a, not a PNG'))).to.throw(
      TypeError,
      /^readPng: argument 'png' must be the bytes of a PNG file \(starting 89 50 4e 47 0d 0a 1a 0a\), got 17 bytes starting 47 49 46 38 39 61 2c 20$/,
    );
    expect(() => readPng(new Uint8Array(0))).to.throw(TypeError, /got 0 bytes starting \(nothing\)/);
  });

  it('refuses truncated data', () => {
    expect(() => readPng(good.subarray(0, 20))).to.throw(RangeError, /^readPng: the data is not a valid PNG \(truncated or missing IHDR header: 20 bytes\)$/);
    const { start } = findIdat(good);
    expect(() => readPng(good.subarray(0, start + 4))).to.throw(RangeError, /^readPng: the data is not a valid PNG \(truncated: chunk 'IDAT' at byte 33 needs \d+ bytes, \d+ left\)$/);
    expect(() => readPng(good.subarray(0, good.length - 12))).to.throw(RangeError, /^readPng: the data is not a valid PNG \(truncated: no IEND chunk in \d+ bytes\)$/);
    // A complete file whose image data is for fewer rows than the header says.
    expect(() => readPng(withSize(good, 8, 9))).to.throw(RangeError, /^readPng: the data is not a valid PNG \(the image data holds 72 bytes once decompressed, expected 81 for 8×9 pixels; truncated\?\)$/);
  });

  it('refuses a chunk whose CRC is wrong, and a damaged zlib stream', () => {
    const badCrc = good.slice();
    const { start, length } = findIdat(badCrc);
    badCrc[start + length] ^= 0xff; // the IDAT's CRC itself
    expect(() => readPng(badCrc)).to.throw(RangeError, /^readPng: the data is not a valid PNG \(.*crc.*\)$/i);
    expect(() => readPng(corruptIdatKeepingCrc(good))).to.throw(RangeError, /^readPng: the data is not a valid PNG \(corrupt zlib data in IDAT: .+\)$/);
  });

  it('refuses zero-sized images and images over the limit, from the header, before decoding', () => {
    expect(() => readPng(withSize(good, 0, 8))).to.throw(RangeError, /^readPng: the PNG must be at least 1×1 pixels, got 0×8$/);
    expect(() => readPng(withSize(good, 8, 0))).to.throw(RangeError, /got 8×0$/);
    expect(MAX_PNG_SIDE).to.equal(16384);
    expect(MAX_PNG_PIXELS).to.equal(40_000_000);
    // The pixel data is for 8×8; the header alone decides.
    expect(() => readPng(withSize(good, 20000, 10))).to.throw(
      RangeError,
      /^readPng: the PNG must be at most 16384 pixels a side and 40 megapixels, got 20000×10 \(0\.2 megapixels\); scale it down first$/,
    );
    expect(() => readPng(withSize(good, 10000, 5000))).to.throw(RangeError, /got 10000×5000 \(50\.0 megapixels\)/);
    expect(() => readPng(withSize(good, 16384, 1))).to.throw(RangeError, /^readPng: the data is not a valid PNG \(the image data holds 72 bytes/); // within the limit: read, and found short
  });
});

describe('readPng: what the header declares, exactly (hostile-input cases 10 and 11)', () => {
  const z = (raw: Uint8Array) => new Uint8Array(deflateSync(raw));

  it('reads interlaced 1-, 2- and 4-bit images (fast-png 8 refused them) as their non-interlaced twins', () => {
    for (const depth of [1, 2, 4]) {
      const w = 11;
      const h = 9;
      const samples = Array.from({ length: w * h }, (_, i) => (i * 7 + (i >> 3)) % 2 ** depth);
      const flat = readPng(encodePng({ width: w, height: h, colorType: 0, depth }, samples, z));
      const adam7 = readPng(encodePng({ width: w, height: h, colorType: 0, depth, interlaced: true }, samples, z));
      expect(Array.from(adam7.data), `${depth} bits`).to.deep.equal(Array.from(flat.data));
      expect(Array.from(flat.data, (v) => Math.round(v * (2 ** depth - 1)))).to.deep.equal(samples);
      const palette = Array.from({ length: 2 ** depth }, (_, k) => [k * 10, k * 5, 255 - k]);
      const p1 = readPng(encodePng({ width: w, height: h, colorType: 3, depth, palette }, samples, z));
      const p7 = readPng(encodePng({ width: w, height: h, colorType: 3, depth, interlaced: true, palette }, samples, z));
      expect(Array.from(p7.data), `palette, ${depth} bits`).to.deep.equal(Array.from(p1.data));
    }
  });

  it('refuses image data longer than the header says (it was decoded cropped)', () => {
    const samples = new Array(16).fill(7);
    const png = encodePng({ width: 4, height: 4, colorType: 0, depth: 8 }, samples, z);
    const longer = withSize(png, 4, 3); // the data is for 4 rows, the header now says 3
    expect(() => readPng(longer)).to.throw(RangeError, /^readPng: the data is not a valid PNG \(the image data holds more than the 15 bytes expected once decompressed for 4×3 pixels\)$/);
  });

  it('refuses a greyscale or RGB tRNS of the wrong length (it turned the ink white)', () => {
    const samples = [0, 255, 0, 255];
    for (const trns of [Uint8Array.of(0), Uint8Array.of(0, 0, 0), Uint8Array.of(0, 0, 0, 0, 0, 0)]) {
      const png = encodePng({ width: 2, height: 2, colorType: 0, depth: 8, trns }, samples, z);
      expect(() => readPng(png)).to.throw(RangeError, new RegExp(`tRNS of a greyscale image must hold 2 bytes, got ${trns.length}`));
    }
    const rgb = encodePng({ width: 1, height: 1, colorType: 2, depth: 8, trns: Uint8Array.of(0, 0) }, [1, 2, 3], z);
    expect(() => readPng(rgb)).to.throw(RangeError, /tRNS of an RGB image must hold 6 bytes, got 2/);
    const ok = readPng(encodePng({ width: 2, height: 2, colorType: 0, depth: 8, trns: Uint8Array.of(0, 0) }, samples, z));
    expect(Array.from(ok.data)).to.deep.equal([1, 1, 1, 1]); // black is the transparent key: all paper
  });

  it('refuses a colour type, bit depth, filter type or critical chunk the format does not have', () => {
    const png = encodePng({ width: 2, height: 2, colorType: 0, depth: 8 }, [1, 2, 3, 4], z);
    const header = (edit: (b: Uint8Array) => void) => {
      const b = png.slice();
      edit(b);
      new DataView(b.buffer).setUint32(29, crc32(b.subarray(12, 29)));
      return b;
    };
    expect(() => readPng(header((b) => (b[25] = 5)))).to.throw(RangeError, /unknown colour type 5/);
    expect(() => readPng(header((b) => (b[24] = 3)))).to.throw(RangeError, /colour type 0 takes bit depths 1, 2, 4, 8, 16, got 3/);
    expect(() => readPng(header((b) => (b[28] = 2)))).to.throw(RangeError, /unknown interlace method 2/);
    const raw = Uint8Array.of(7, 1, 2, 0, 3, 4); // filter type 7 on the first row
    const badFilter = encodePng({ width: 2, height: 2, colorType: 0, depth: 8 }, [1, 2, 3, 4], () => z(raw));
    expect(() => readPng(badFilter)).to.throw(RangeError, /unknown scan-line filter type 7/);
    expect(() => readPng(insertAfterHeader(png, chunk('ABCD', new Uint8Array(3))))).to.throw(RangeError, /unknown critical chunk 'ABCD'/);
    expect(Array.from(readPng(insertAfterHeader(png, chunk('abCD', new Uint8Array(3)))).data).length).to.equal(4); // ancillary: skipped
  });
});
