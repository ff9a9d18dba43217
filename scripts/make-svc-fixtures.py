"""Makes test/fixtures/sklearn-svc-cases.json: scikit-learn SVC results on the
8x8 digits, for parity tests of digitkit's SVC.

Run with Debian's python3-sklearn (1.2.1):  /usr/bin/python3 scripts/make-svc-fixtures.py
"""
import gzip
import json
import os

import numpy as np
import sklearn
from sklearn.svm import SVC

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

with gzip.open(os.path.join(ROOT, "datasets", "digits.csv.gz"), "rt") as f:
    table = np.loadtxt(f, delimiter=",")
X, y = table[:, :64], table[:, 64].astype(int)
half = 898  # train_test_split(test_size=0.5, shuffle=False): 898 train, 899 test


def rounded(a, places=8):
    return np.round(np.asarray(a, dtype=float), places).tolist()


def case(name, params, train_rows, test_rows, full=False, ovo_rows=None):
    Xtr, ytr = X[train_rows], y[train_rows]
    Xte = X[test_rows]
    clf = SVC(**params).fit(Xtr, ytr)
    out = {
        "name": name,
        "params": params,
        "train_rows": [int(train_rows.start), int(train_rows.stop)] if isinstance(train_rows, slice) else None,
        "classes": clf.classes_.tolist(),
        "n_support": clf.n_support_.tolist(),
        "fitted_gamma": float(clf._gamma),
        "intercept": rounded(clf.intercept_, 12),
        "predicted": clf.predict(Xte).tolist(),
    }
    if full:
        out["support"] = clf.support_.tolist()
        out["dual_coef"] = rounded(clf.dual_coef_)
        out["decision_ovr"] = rounded(SVC(**params, decision_function_shape="ovr").fit(Xtr, ytr).decision_function(Xte), 6)
    if ovo_rows:
        dec = SVC(**params, decision_function_shape="ovo").fit(Xtr, ytr).decision_function(Xte[:ovo_rows])
        out["decision_ovo_first"] = rounded(dec, 6)
    return out


cases = []
cases.append(case("digits example: gamma=0.001", {"gamma": 0.001}, slice(0, half), slice(half, None), full=True, ovo_rows=150))
cases.append(case("gamma='scale', C=10", {"gamma": "scale", "C": 10.0}, slice(0, half), slice(half, None)))
cases.append(case("gamma='auto', C=100, no shrinking", {"gamma": "auto", "C": 100.0, "shrinking": False}, slice(0, half), slice(half, None)))
cases.append(case("linear kernel, C=0.01", {"kernel": "linear", "C": 0.01}, slice(0, half), slice(half, None)))
cases.append(case("small cache, tol=1e-4", {"gamma": 0.002, "C": 3.0, "cache_size": 0.05, "tol": 1e-4}, slice(0, half), slice(half, None)))

# Two classes (3 vs 8, the hardest pair), with gamma='scale': binary sign conventions.
mask = (y == 3) | (y == 8)
idx = np.flatnonzero(mask)
Xb, yb = X[idx], y[idx]
clf = SVC(gamma="scale", C=2.0).fit(Xb[:180], yb[:180])
cases.append({
    "name": "binary 3 vs 8, gamma='scale', C=2",
    "params": {"gamma": "scale", "C": 2.0},
    "rows": idx.tolist(),
    "n_train": 180,
    "classes": clf.classes_.tolist(),
    "n_support": clf.n_support_.tolist(),
    "fitted_gamma": float(clf._gamma),
    "support": clf.support_.tolist(),
    "dual_coef": rounded(clf.dual_coef_),
    "intercept": rounded(clf.intercept_, 12),
    "predicted": clf.predict(Xb[180:]).tolist(),
    "decision": rounded(clf.decision_function(Xb[180:]), 6),
})

doc = {
    "about": "scikit-learn %s SVC on the 8x8 digits (datasets/digits.csv.gz); rows 0..897 train, 898.. test unless stated. Made by scripts/make-svc-fixtures.py." % sklearn.__version__,
    "cases": cases,
}
with open(os.path.join(ROOT, "test", "fixtures", "sklearn-svc-cases.json"), "w") as f:
    json.dump(doc, f, separators=(",", ":"))
print("wrote", len(cases), "cases")
