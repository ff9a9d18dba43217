"""scikit-learn's side of benchmarks/pca-speed.ts: times PCA(svd_solver='full')
on the rows of DIR/features.f64 (COLS float64 values each) and prints one JSON
line with the times, the number of components and their explained variances.

usage: /usr/bin/python3 benchmarks/sklearn_pca.py DIR COLS N_COMPONENTS REPEAT
"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.decomposition import PCA

folder, cols, n_components, repeat = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4])
X = np.fromfile(os.path.join(folder, 'features.f64'), dtype=np.float64).reshape(-1, cols)
seconds = []
for _ in range(repeat):
    t0 = time.perf_counter()
    pca = PCA(n_components=n_components, svd_solver='full').fit(X)
    seconds.append(time.perf_counter() - t0)
print(json.dumps({
    'version': sklearn.__version__,
    'seconds': seconds,
    'nComponents': int(pca.n_components_),
    'explainedVariance': pca.explained_variance_.tolist(),
}))
