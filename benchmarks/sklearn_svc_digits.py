"""scikit-learn's side of benchmarks/svc-digits.ts: times SVC(gamma=0.001) fit and
predict on the 8x8 digits example split and prints one JSON line.

usage: /usr/bin/python3 benchmarks/sklearn_svc_digits.py REPEAT
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.svm import SVC

repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 15
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with gzip.open(os.path.join(root, "datasets", "digits.csv.gz"), "rt") as f:
    table = np.loadtxt(f, delimiter=",")
X, y = table[:, :64], table[:, 64].astype(int)
fit, predict = [], []
for _ in range(repeat):
    t0 = time.perf_counter()
    clf = SVC(gamma=0.001).fit(X[:898], y[:898])
    t1 = time.perf_counter()
    pred = clf.predict(X[898:])
    t2 = time.perf_counter()
    fit.append(t1 - t0)
    predict.append(t2 - t1)
print(json.dumps({
    "version": sklearn.__version__,
    "fit": fit,
    "predict": predict,
    "accuracy": float((pred == y[898:]).mean()),
}))
