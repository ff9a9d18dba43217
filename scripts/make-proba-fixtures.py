"""Makes test/fixtures/sklearn-svc-proba.json: scikit-learn's SVC(probability=True)
on the 8x8 digits and on small synthetic datasets (made here, so the fixture
carries their values), for parity tests of digitkit's predictProba, probA and probB.

Run with Debian's python3-sklearn (1.2.1):  /usr/bin/python3 scripts/make-proba-fixtures.py
"""
import gzip
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_blobs, make_classification
from sklearn.svm import SVC

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

with gzip.open(os.path.join(ROOT, "datasets", "digits.csv.gz"), "rt") as f:
    table = np.loadtxt(f, delimiter=",")
DX, Dy = table[:, :64], table[:, 64].astype(int)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def case(name, X, y, params, n_train, n_test, store_data=True, test_from=None):
    Xtr, ytr = X[:n_train], y[:n_train]
    start = n_train if test_from is None else test_from
    Xte = X[start:start + n_test]
    clf = SVC(probability=True, **params).fit(Xtr, ytr)
    out = {
        "name": name,
        "params": params,
        "nTrain": n_train,
        "testFrom": start,
        "nTest": int(len(Xte)),
        "classes": [int(c) for c in clf.classes_],
        "probA": floats(clf.probA_),
        "probB": floats(clf.probB_),
        "proba": floats(clf.predict_proba(Xte)),
        "predict": [int(v) for v in clf.predict(Xte)],
    }
    if store_data:
        out["X"] = [floats(r) for r in X[: max(n_train, start + n_test)]]
        out["y"] = [int(v) for v in y[: max(n_train, start + n_test)]]
    return out


cases = []
# The digits: scikit-learn's example split (first half trains), three random states.
for seed, n_test in [(0, 100), (1, 30), (42, 30)]:
    cases.append(case(f"digits, gamma 0.001, random_state {seed}", DX, Dy, {"gamma": 0.001, "random_state": seed}, 898, n_test, store_data=False))

# Three well-separated-ish blobs, three classes.
X, y = make_blobs(n_samples=150, centers=3, cluster_std=2.5, random_state=0)
for seed in [0, 7]:
    cases.append(case(f"blobs, 3 classes, random_state {seed}", X, y, {"random_state": seed}, 110, 40))

# Two classes with label noise.
X, y = make_classification(n_samples=160, n_features=6, n_informative=4, n_redundant=0, n_classes=2, flip_y=0.1, random_state=1)
cases.append(case("two classes, noisy, C 2, gamma 0.1", X, y, {"C": 2.0, "gamma": 0.1, "random_state": 3}, 120, 40))

# Four classes; RBF and linear kernels.
X, y = make_classification(n_samples=240, n_features=10, n_informative=6, n_classes=4, random_state=2)
cases.append(case("four classes, C 10", X, y, {"C": 10.0, "random_state": 11}, 180, 60))
cases.append(case("four classes, linear, C 0.5", X, y, {"C": 0.5, "kernel": "linear", "random_state": 5}, 180, 60))

# A class of 4 samples: some of its cross-validation folds hold no sample of it.
X, y = make_blobs(n_samples=[40, 40, 4], centers=None, cluster_std=1.5, random_state=4)
cases.append(case("a class of 4 samples (folds without it)", X, y, {"random_state": 2}, 84, 20, test_from=0))

out = os.path.join(ROOT, "test", "fixtures", "sklearn-svc-proba.json")
with open(out, "w") as f:
    json.dump({"about": f"scikit-learn {sklearn.__version__} SVC(probability=True); made by scripts/make-proba-fixtures.py", "cases": cases}, f, separators=(",", ":"))
print(out, os.path.getsize(out), "bytes")
