"""scikit-learn's side of examples/mnist-knn.ts: brute-force k-NN on feature
files the TypeScript side wrote, timed the same way, one JSON line out.

usage: /usr/bin/python3 benchmarks/sklearn_knn.py DIR NAME...

DIR holds, for each NAME, NAME-train.f64 / NAME-test.f64 (row-major float64)
and NAME.json ({"cols": D}), plus train-labels.i32 and test-labels.i32.
Prints {"version", "threads", "results": {NAME: {fit, predict, accuracy, predicted}}}.
"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.neighbors import KNeighborsClassifier
from threadpoolctl import threadpool_info

folder, names = sys.argv[1], sys.argv[2:]
y_train = np.fromfile(os.path.join(folder, "train-labels.i32"), dtype=np.int32)
y_test = np.fromfile(os.path.join(folder, "test-labels.i32"), dtype=np.int32)
results = {}
for name in names:
    with open(os.path.join(folder, name + ".json")) as f:
        cols = json.load(f)["cols"]
    X_train = np.fromfile(os.path.join(folder, name + "-train.f64"), dtype=np.float64).reshape(-1, cols)
    X_test = np.fromfile(os.path.join(folder, name + "-test.f64"), dtype=np.float64).reshape(-1, cols)
    t0 = time.perf_counter()
    knn = KNeighborsClassifier(n_neighbors=3, algorithm="brute").fit(X_train, y_train)
    t1 = time.perf_counter()
    pred = knn.predict(X_test)
    t2 = time.perf_counter()
    results[name] = {
        "fit": t1 - t0,
        "predict": t2 - t1,
        "accuracy": float(np.mean(pred == y_test)),
        "predicted": pred.astype(int).tolist(),
    }
threads = sum(p.get("num_threads", 0) for p in threadpool_info() if p.get("user_api") == "blas")
print(json.dumps({"version": sklearn.__version__, "threads": threads, "results": results}))
