"""Makes test/fixtures/skimage-hog-extra.json: skimage.feature.hog cases that
test/fixtures/skimage-hog.json (the shared reference) does not cover — every
block norm, transform_sqrt, sizes not divisible by the cell size, orientation
counts whose bin edges are not whole degrees, and integer images whose
gradients lie exactly on bin edges.

Run with Debian's scikit-image 0.19.3:  /usr/bin/python3 scripts/make-hog-fixtures.py [MNIST_DIR]

MNIST images are never committed: the MNIST cases hold which training images
they use (and the crop), and the tests read those images from MNIST. This
script reads them from train-images-idx3-ubyte.gz in MNIST_DIR (default
../shared/datasets/mnist).
"""
import gzip
import json
import os
import sys

import numpy as np
import skimage
from skimage.feature import hog

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'test', 'fixtures', 'skimage-hog-extra.json')

MNIST_DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', 'shared', 'datasets', 'mnist')

rng = np.random.RandomState(0)
with gzip.open(os.path.join(MNIST_DIR, 'train-images-idx3-ubyte.gz')) as f:
    mnist = list(np.frombuffer(f.read(), dtype=np.uint8, offset=16)[:10 * 784].reshape(10, 28, 28))


def case(about, images, mnist_ref=None, **params):
    feats = [hog(im.astype(np.float64), feature_vector=True, **params) for im in images]
    out = {
        'about': about,
        'height': int(images[0].shape[0]),
        'width': int(images[0].shape[1]),
        'params': {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items()},
    }
    if mnist_ref:
        out['mnist'] = mnist_ref
    else:
        out['images'] = [[float(v) if im.dtype.kind == 'f' else int(v) for v in im.ravel()] for im in images]
    out['hog'] = [[float(v) for v in f] for f in feats]
    return out


cases = []
crops = [m[1:27, 3:26] for m in mnist[:3]]  # 26 rows x 23 cols: not divisible by 5 or 6
crops_ref = {'split': 'train', 'indices': [0, 1, 2], 'crop': {'rows': [1, 27], 'cols': [3, 26]}}
for norm in ['L1', 'L1-sqrt', 'L2', 'L2-Hys']:
    cases.append(case(f'MNIST crops 26x23, cells 5x6, {norm}', crops, crops_ref, orientations=7,
                      pixels_per_cell=(5, 6), cells_per_block=(2, 3), block_norm=norm))
cases.append(case('MNIST crops 26x23, transform_sqrt, 10 orientations, 3x3 blocks of 4x4 cells', crops, crops_ref,
                  orientations=10, pixels_per_cell=(4, 4), cells_per_block=(3, 3), block_norm='L2-Hys',
                  transform_sqrt=True))
small_ints = [rng.randint(0, 4, size=(11, 13)).astype(np.uint8) for _ in range(4)]
for n in [4, 8, 12]:  # edges at 45, 90, 135 degrees: many exact hits
    cases.append(case(f'random 0..3 integer images 11x13 (rows x cols), {n} orientations (gradients on bin edges)',
                      small_ints, orientations=n, pixels_per_cell=(3, 4), cells_per_block=(2, 2), block_norm='L1'))
floats = [rng.rand(9, 10) for _ in range(3)]
cases.append(case('random float images 9x10 in [0, 1), 6 orientations, transform_sqrt, L2', floats,
                  orientations=6, pixels_per_cell=(3, 3), cells_per_block=(2, 2), block_norm='L2', transform_sqrt=True))
cases.append(case('random float images 9x10, one cell per block, 1x1 cells, 5 orientations, L1-sqrt', floats,
                  orientations=5, pixels_per_cell=(1, 1), cells_per_block=(1, 1), block_norm='L1-sqrt'))

def sparse(rows, cols):
    im = np.zeros((rows, cols), dtype=np.uint8)
    k = rng.randint(1, 6)
    im[rng.randint(0, rows, size=k), rng.randint(0, cols, size=k)] = rng.randint(1, 256, size=k)
    for r, c in [(0, rng.randint(cols)), (rows - 1, rng.randint(cols)), (rng.randint(rows), 0), (rng.randint(rows), cols - 1)]:
        if rng.rand() < 0.6:
            im[r, c] = rng.randint(1, 256)
    return im


for rows, cols in [(9, 9), (10, 11)]:
    cases.append(case(f'sparse {rows}x{cols} uint8 images: isolated pixels, ink on the borders, empty rows',
                      [sparse(rows, cols) for _ in range(12)], orientations=9, pixels_per_cell=(3, 3),
                      cells_per_block=(2, 2), block_norm='L1'))

with open(OUT, 'w') as f:
    json.dump({'about': f'skimage.feature.hog {skimage.__version__} on float64 images (no channel axis), '
                        'made by scripts/make-hog-fixtures.py; params use scikit-image names', 'cases': cases},
              f, separators=(',', ':'))
print(OUT, os.path.getsize(OUT), 'bytes')
