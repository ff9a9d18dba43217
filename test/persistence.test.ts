import { expect } from 'chai';
import { NotFittedError, SVC, loadDigits, loadModel, registeredModels } from '../src/index.js';

const digits = loadDigits();
const X = digits.data.selectRows(Array.from({ length: 300 }, (_, i) => i));
const y = digits.target.slice(0, 300);
const Xq = digits.data.selectRows(Array.from({ length: 200 }, (_, i) => 1000 + i));

const roundTrip = (json: unknown) => JSON.parse(JSON.stringify(json));

describe('persistence: SVC', () => {
  it('a JSON round trip gives identical predictions and decision values', () => {
    for (const params of [{ gamma: 0.001 }, { kernel: 'linear' as const, C: 0.1 }, { gamma: 'scale' as const, decisionFunctionShape: 'ovo' as const }]) {
      const clf = new SVC(params).fit(X, y);
      const back = SVC.fromJSON(roundTrip(clf.toJSON()));
      expect(Array.from(back.predict(Xq))).to.deep.equal(Array.from(clf.predict(Xq)));
      expect(Array.from(back.decisionFunction(Xq).data)).to.deep.equal(Array.from(clf.decisionFunction(Xq).data));
      expect(back.getParams()).to.deep.equal(clf.getParams());
      expect(Array.from(back.support)).to.deep.equal(Array.from(clf.support));
      expect(back.fittedGamma).to.equal(clf.fittedGamma);
    }
  });

  it('loadModel dispatches on the name', () => {
    expect(registeredModels()).to.include('SVC');
    const clf = new SVC({ gamma: 0.001 }).fit(X, y);
    const back = loadModel(roundTrip(clf.toJSON()));
    expect(back).to.be.instanceOf(SVC);
    expect(Array.from((back as SVC).predict(Xq))).to.deep.equal(Array.from(clf.predict(Xq)));
  });

  it('an unfitted model round-trips as unfitted', () => {
    const back = SVC.fromJSON(roundTrip(new SVC({ C: 3 }).toJSON()));
    expect(back.C).to.equal(3);
    expect(() => back.predict(Xq)).to.throw(NotFittedError);
  });

  it('refuses a wrong tag, an unknown version, missing or malformed fields', () => {
    const good = roundTrip(new SVC({ gamma: 0.001 }).fit(X.selectRows([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), y.slice(0, 12)).toJSON());
    const damaged = (f: (j: any) => void) => {
      const j = roundTrip(good);
      f(j);
      return j;
    };
    expect(() => SVC.fromJSON({ ...good, name: 'KNeighborsClassifier' })).to.throw(TypeError, /^SVC\.fromJSON: argument 'json' must be a SVC model \(name 'SVC'\), got name "KNeighborsClassifier"/);
    expect(() => SVC.fromJSON({ ...good, version: 2 })).to.throw(RangeError, /format version must be 1, got 2/);
    expect(() => SVC.fromJSON('SVC')).to.throw(TypeError, /must be an object from SVC\.toJSON\(\), got "SVC"/);
    expect(() => SVC.fromJSON(damaged((j) => delete j.state.dualCoef))).to.throw(TypeError, /field 'state\.dualCoef' must be an object, got undefined/);
    expect(() => SVC.fromJSON(damaged((j) => (j.state.rho[3] = 'x')))).to.throw(TypeError, /field 'state\.rho\[3\]' must be a finite number, got "x"/);
    expect(() => SVC.fromJSON(damaged((j) => j.state.rho.pop()))).to.throw(TypeError, /field 'state\.rho' must be an array of 45 finite numbers/);
    expect(() => SVC.fromJSON(damaged((j) => (j.state.nSupport[0] += 1)))).to.throw(RangeError, /field 'state\.supportVectors' must be/);
    expect(() => SVC.fromJSON(damaged((j) => j.state.supportVectors.data.pop()))).to.throw(TypeError, /field 'state\.supportVectors\.data' must be an array of/);
    expect(() => SVC.fromJSON(damaged((j) => (j.params.C = -1)))).to.throw(RangeError, /^SVC\.fromJSON: parameter 'C' must be a finite number > 0, got -1/);
    expect(() => SVC.fromJSON(damaged((j) => (j.state.classes = [3])))).to.throw(RangeError, /at least 2 classes/);
  });

  it('loadModel refuses what is not a digitkit model', () => {
    expect(() => loadModel(null)).to.throw(TypeError, /^loadModel: argument 'json' must be a digitkit model object/);
    expect(() => loadModel([1, 2])).to.throw(TypeError, /got an array of length 2/);
    expect(() => loadModel({ version: 1 })).to.throw(TypeError, /string field 'name'.*got undefined; is this a digitkit model file\?/);
    expect(() => loadModel({ name: 'RandomForest', version: 1 })).to.throw(TypeError, /unknown model name 'RandomForest', expected one of .*'SVC'/);
  });
});
