"""scikit-image's side of benchmarks/hog-speed.ts: times skimage.feature.hog over
every image of DIR/images.u8 (28×28 bytes each), writes the features to
DIR/features.f64 and prints one JSON line.

usage: /usr/bin/python3 benchmarks/skimage_hog.py DIR '<HOG params as JSON>' REPEAT
"""
import json
import os
import sys
import time

import numpy as np
import skimage
from skimage.feature import hog

folder, params, repeat = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])
images = np.fromfile(os.path.join(folder, "images.u8"), dtype=np.uint8).reshape(-1, 28, 28)
kw = dict(
    orientations=params["orientations"],
    pixels_per_cell=tuple(params["pixelsPerCell"]),
    cells_per_block=tuple(params["cellsPerBlock"]),
    block_norm=params["blockNorm"],
)
seconds = []
for _ in range(repeat):
    t0 = time.perf_counter()
    features = np.stack([hog(img, **kw) for img in images])
    seconds.append(time.perf_counter() - t0)
features.astype(np.float64).tofile(os.path.join(folder, "features.f64"))
print(json.dumps({"version": skimage.__version__, "seconds": seconds}))
