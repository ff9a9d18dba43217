import { expect } from 'chai';
import {
  Deskew, HOG, KNeighborsClassifier, NotFittedError, SVC, TemplateMatcher, fitParallel, kneighborsParallel, loadDigits, loadMnistSync, makePipeline,
  predictParallel,
} from '../src/index.js';
import { learnedState } from '../src/base/estimator.js';
import type { KnnState } from '../src/neighbors/knn-search.js';
import { closeWorkerPool, poolSize, runRanges } from '../src/parallel/worker-pool.js';
import { fails } from './helpers/rejects.js';

const digits = loadDigits();
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
const XTrain = digits.data.selectRows(range(0, 898));
const yTrain = digits.target.slice(0, 898);
const XTest = digits.data.selectRows(range(898, 1797));


describe('predictParallel / kneighborsParallel: worker threads, same results', () => {
  it('TemplateMatcher with the pruned search (4,096 references, 200 queries, shifts) and with the full scan', async function () {
    this.timeout(60000);
    const train = loadMnistSync({ split: 'train', limit: 4096 });
    const test = loadMnistSync({ split: 'test', limit: 200 }).features;
    const tm = new TemplateMatcher({ mode: 'all', k: 3, maxShift: 1 }).fit(train.features, train.labels);
    expect(Array.from(await predictParallel(tm, test, { nJobs: 2 }))).to.deep.equal(Array.from(tm.predict(test)));
    // 3,000 references: the full scan, on threads (60 queries × 3,000 × 784 × 9 shifts is past the threshold).
    const scanned = new TemplateMatcher({ mode: 'all', k: 3, maxShift: 1 }).fit(train.features.selectRows(range(0, 3000)), train.labels.slice(0, 3000));
    const few = test.selectRows(range(0, 60));
    expect(Array.from(await predictParallel(scanned, few, { nJobs: 2 }))).to.deep.equal(Array.from(scanned.predict(few)));
    const mean = new TemplateMatcher({ mode: 'mean' }).fit(XTrain, yTrain);
    expect(Array.from(await predictParallel(mean, XTest, { nJobs: 2 }))).to.deep.equal(Array.from(mean.predict(XTest)));
  });


  it('k-NN on MNIST with the pruned search (5,000 training images, 300 queries, 2 threads)', async function () {
    this.timeout(60000);
    const train = loadMnistSync({ split: 'train', limit: 5000 });
    const test = loadMnistSync({ split: 'test', limit: 300 }).features;
    const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(train.features, train.labels);
    const serial = new KNeighborsClassifier({ nNeighbors: 3 }).fit(train.features, train.labels);
    expect(Array.from(await predictParallel(knn, test, { nJobs: 2 }))).to.deep.equal(Array.from(serial.predict(test)));
    // The index built on the threads is the one the calling thread builds, bit for bit.
    const indexOf = (m: KNeighborsClassifier) => learnedState<KnnState>(m, 'predict').boundIndex!;
    const [a, b] = [indexOf(knn), indexOf(serial)];
    for (const f of ['head', 'rest', 'tails'] as const) expect(Array.from(a[f]), f).to.deep.equal(Array.from(b[f]));
  });

  it('kneighbors with the brute-force search and the cosine metric, k other than nNeighbors', async function () {
    this.timeout(60000);
    const train = loadMnistSync({ split: 'train', limit: 2000 });
    const test = loadMnistSync({ split: 'test', limit: 700 }).features;
    const knn = new KNeighborsClassifier({ nNeighbors: 3, metric: 'cosine' }).fit(train.features, train.labels);
    const got = await kneighborsParallel(knn, test, { nJobs: 3, k: 4 });
    const want = knn.kneighbors(test, 4);
    expect(got.k).to.equal(4);
    expect(Array.from(got.indices)).to.deep.equal(Array.from(want.indices));
    expect(Array.from(got.distances.data)).to.deep.equal(Array.from(want.distances.data));
  });

  it('a pipeline ending in k-NN, another classifier, and batches too small to be worth threads', async () => {
    const pipe = makePipeline(new Deskew(), new HOG({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2] }), new KNeighborsClassifier({ nNeighbors: 3 }));
    pipe.fit(XTrain, yTrain);
    expect(Array.from(await predictParallel(pipe, XTest, { nJobs: 2 }))).to.deep.equal(Array.from(pipe.predict(XTest)));
    const svc = new SVC({ gamma: 0.001 }).fit(XTrain, yTrain);
    expect(Array.from(await predictParallel(svc, XTest))).to.deep.equal(Array.from(svc.predict(XTest)));
    const knn = new KNeighborsClassifier().fit(XTrain, yTrain);
    const few = XTest.selectRows([3, 1, 4]);
    expect(Array.from(await predictParallel(knn, few))).to.deep.equal(Array.from(knn.predict(few)));
  });

  it('refuses bad options and bad input before starting any thread', async () => {
    const knn = new KNeighborsClassifier().fit(XTrain, yTrain);
    await fails(predictParallel(knn, XTest, { nJobs: 0 }), RangeError, /^predictParallel: parameter 'nJobs' must be an integer >= 1, got 0/);
    await fails(predictParallel(knn, XTest, { jobs: 2 } as never), TypeError, /^predictParallel: unknown option 'jobs'/);
    await fails(kneighborsParallel(knn, XTest, { k: 0 }), RangeError, /^kneighborsParallel: parameter 'k' must be an integer >= 1/);
    await fails(predictParallel(new KNeighborsClassifier(), XTest), NotFittedError, /^KNeighborsClassifier.predict: .*not fitted/);
    await fails(predictParallel(knn, [[1, 2, 3]]), RangeError, /^KNeighborsClassifier.predict: argument 'X' must have 64 features/);
  });

});

describe('fitParallel: the SVC\'s one-vs-one pairs on worker threads', () => {
  it('fits the very same model as fit, and reports every pair (threads on MNIST, with the kernel matrix or rows on demand; the calling thread on the small digits)', async function () {
    this.timeout(120000);
    const mnist = loadMnistSync({ split: 'train', limit: 1500 });
    const cases = [
      // 1,500² × 784 multiply-adds of kernel: past the threshold for threads.
      { params: { C: 5, gamma: 0.05 }, X: mnist.features, y: mnist.labels, queries: loadMnistSync({ split: 'test', limit: 300 }).features },
      // A cache too small for the kernel matrix: kernel rows on demand, from one shared copy of the rows.
      { params: { C: 5, gamma: 0.05, cacheSize: 4 }, X: mnist.features, y: mnist.labels, queries: loadMnistSync({ split: 'test', limit: 300 }).features },
      { params: { gamma: 0.001 }, X: XTrain, y: yTrain, queries: XTest },
    ];
    for (const { params, X, y, queries } of cases) {
      const serial = new SVC(params).fit(X, y);
      for (const nJobs of [2, 3]) {
        const seen: [number, number][] = [];
        const svc = new SVC(params);
        expect(await fitParallel(svc, X, y, { nJobs, onProgress: (d, t) => seen.push([d, t]) })).to.equal(svc);
        expect(Array.from(svc.support)).to.deep.equal(Array.from(serial.support));
        expect(Array.from(svc.dualCoef.data)).to.deep.equal(Array.from(serial.dualCoef.data));
        expect(Array.from(svc.intercept)).to.deep.equal(Array.from(serial.intercept));
        expect(Array.from(svc.predict(queries))).to.deep.equal(Array.from(serial.predict(queries)));
        expect(seen).to.have.length(45);
        expect(seen[44]).to.deep.equal([45, 45]);
      }
    }
  });

  it('predictParallel of an SVC splits the queries over threads, with the same predictions', async function () {
    this.timeout(120000);
    const train = loadMnistSync({ split: 'train', limit: 1500 });
    const test = loadMnistSync({ split: 'test', limit: 1200 }).features;
    const svc = await fitParallel(new SVC({ C: 5, gamma: 0.05 }), train.features, train.labels, { nJobs: 2 });
    // 1,200 queries × the support vectors × 784 features: past the threshold for threads.
    expect(1200 * svc.supportVectors.rows * 784).to.be.above(1e9);
    const seen: number[] = [];
    const predicted = await predictParallel(svc, test, { nJobs: 2, onProgress: (d, t) => (expect(t).to.equal(1200), seen.push(d)) });
    expect(Array.from(predicted)).to.deep.equal(Array.from(svc.predict(test)));
    // Ranges of 150 queries (4 per thread) reported as they finish.
    expect(seen).to.deep.equal([150, 300, 450, 600, 750, 900, 1050, 1200]);
  });

  it('refuses bad options and data before starting any thread', async () => {
    await fails(fitParallel(new SVC(), XTrain, yTrain, { nJobs: 1.5 }), RangeError, /^fitParallel: parameter 'nJobs' must be an integer >= 1/);
    await fails(fitParallel(new SVC(), XTrain, yTrain, { onProgress: 3 } as never), TypeError, /^fitParallel: option 'onProgress' must be a function, got 3/);
    await fails(fitParallel(new SVC({ C: -1 }), XTrain, yTrain), RangeError, /^SVC\.fit: parameter 'C' must be a finite number > 0, got -1$/);
    await fails(fitParallel(new SVC(), XTrain, yTrain.map(() => 4)), RangeError, /^SVC\.fit: argument 'y' must hold at least 2 classes/);
  });
});

describe('runRanges: the worker pool behind the parallel calls', () => {
  const run = (fail: string | undefined, nJobs = 2) => {
    const out = new Array<number>(23).fill(-1);
    const threads = new Set<number>();
    const done = runRanges<{ start: number; thread: number; squares: number[] | null }>({
      worker: './workers/test-worker',
      importerUrl: import.meta.url,
      workerData: { fail },
      total: 23,
      rangeSize: 4,
      nJobs,
      where: 'testCall',
      onResult: (m) => {
        if (!m.squares) throw new TypeError('a result without squares');
        m.squares.forEach((v, i) => (out[m.start + i] = v));
        threads.add(m.thread);
      },
    });
    return { out, done, threads };
  };

  it('hands every range to a free worker and gathers the results in place', async () => {
    for (const nJobs of [1, 2, 8]) {
      const { out, done } = run(undefined, nJobs);
      await done;
      expect(out).to.deep.equal(Array.from({ length: 23 }, (_, i) => i * i));
    }
  });

  it('rejects with an error naming the call when a worker throws, exits early or sends a bad result', async () => {
    for (const [fail, message] of [
      ['throw', /^testCall: a worker thread failed: item 5 is cursed$/],
      ['exit', /^testCall: a worker thread failed: it exited with code 3 before its work was done$/],
      ['bad-result', /^testCall: a worker thread failed: a result without squares$/],
    ] as const) {
      try {
        await run(fail).done;
        expect.fail(`expected a rejection for '${fail}'`);
      } catch (e) {
        expect((e as Error).message).to.match(message);
      }
    }
    // mocha runs without --exit: a thread left running would keep the test process alive.
  });

  it('keeps its threads for the next call, ends those of a failing call, and closeWorkerPool ends the idle ones', async () => {
    await closeWorkerPool();
    expect(poolSize()).to.equal(0);
    const first = run(undefined, 2);
    await first.done;
    expect(poolSize()).to.equal(2);
    const second = run(undefined, 2);
    await second.done;
    // The same threads (a thread ready late may find every range taken, and appear in neither call).
    const firstSeen = new Set(first.threads);
    expect([...second.threads].filter((t) => !firstSeen.has(t)).length).to.be.at.most(2 - firstSeen.size);
    expect(poolSize()).to.equal(2);
    // A third thread joins the two kept ones when a call asks for three.
    await run(undefined, 3).done;
    expect(poolSize()).to.equal(3);
    // The failing call takes two of the three and ends them.
    await run('throw').done.catch(() => {});
    expect(poolSize()).to.equal(1);
    await closeWorkerPool();
    expect(poolSize()).to.equal(0);
    // The next call starts new threads.
    const after = run(undefined, 2);
    await after.done;
    expect(after.out).to.deep.equal(Array.from({ length: 23 }, (_, i) => i * i));
    expect([...after.threads].filter((t) => first.threads.has(t))).to.deep.equal([]);
    // Closing during a call ends its threads when the call is done.
    const busy = run(undefined, 2);
    await closeWorkerPool();
    await busy.done;
    expect(poolSize()).to.equal(0);
  });
});
