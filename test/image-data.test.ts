/** greyFromImageData: a canvas's RGBA pixels → the GreyImage readDigits reads. */
import { expect } from 'chai';
import { greyFromImageData, pretrainedModel, readDigits, readPicture } from '../src/index.js';
import * as browser from '../src/browser.js';

describe('greyFromImageData', () => {
  it('is exported by digitkit/browser', () => {
    expect(browser.greyFromImageData).to.equal(greyFromImageData);
  });

  it('takes brightness by the Rec. 601 weights, and composites transparency onto white', () => {
    const data = new Uint8ClampedArray([
      255, 255, 255, 255, // white
      0, 0, 0, 255, // black
      255, 0, 0, 255, // red: 0.299
      0, 0, 0, 0, // transparent: paper
      0, 0, 0, 128, // half-transparent black: half grey
      0, 255, 0, 255, // green: 0.587
    ]);
    const g = greyFromImageData({ width: 3, height: 2, data });
    expect(g.width).to.equal(3);
    expect(g.height).to.equal(2);
    const want = [1, 0, 0.299, 1, 1 - 128 / 255, 0.587];
    g.data.forEach((v, i) => expect(v).to.be.closeTo(want[i], 1e-12));
  });

  it('gives a picture readDigits reads: a black bar on a transparent canvas is a 1', () => {
    const width = 40;
    const height = 60;
    const data = new Uint8ClampedArray(width * height * 4);
    for (let y = 10; y < 50; y++) for (let x = 18; x < 23; x++) data[(y * width + x) * 4 + 3] = 255;
    expect(readDigits(greyFromImageData({ width, height, data }), pretrainedModel()).text).to.equal('1');
  });

  it('refuses what is not ImageData, naming the function, the argument, what it expected and what it got', () => {
    expect(() => greyFromImageData(null as never)).to.throw(TypeError, /greyFromImageData: argument 'imageData' must be an ImageData \{ width, height, data \}, got null/);
    expect(() => greyFromImageData({ width: 0, height: 1, data: new Uint8ClampedArray(0) })).to.throw(RangeError, /integer width >= 1, got 0/);
    expect(() => greyFromImageData({ width: 1.5, height: 1, data: new Uint8ClampedArray(4) })).to.throw(RangeError, /integer width >= 1, got 1.5/);
    expect(() => greyFromImageData({ width: 1, height: 1, data: [0, 0, 0, 0] as never })).to.throw(TypeError, /'data' as a Uint8ClampedArray .*, got an array of length 4/);
    expect(() => greyFromImageData({ width: 2, height: 2, data: new Uint8ClampedArray(12) })).to.throw(RangeError, /2×2×4 = 16 bytes, got 12/);
  });
});

describe("the page's 28×28 images the model saw (readDigits' option inputs)", () => {
  it('are the inputs the model read: predicted again, they give readDigits\'s digits; separators have none', async function () {
    const { mnistTestPngs } = await import('./helpers/mnist-test-pngs.js');
    const pictures = mnistTestPngs(4, 5);
    if (typeof pictures === 'string') return this.skip();
    const model = pretrainedModel();
    for (const { png } of pictures) {
      const image = readPicture(png);
      const read = readDigits(image, model, { minConfidence: 0, inputs: true });
      const X = read.digits.map((d) => Array.from(d.input!));
      expect(X.every((row) => row.length === 784)).to.equal(true);
      expect(Array.from(model.predict(X))).to.deep.equal(read.digits.map((d) => d.digit));
    }
    expect(readDigits(pictures[0].png, model).digits[0]).to.not.have.property('input');
    expect(() => readDigits(pictures[0].png, model, { inputs: 1 as unknown as boolean })).to.throw(TypeError, /^readDigits: parameter 'inputs' must be a boolean/);
  });
});
